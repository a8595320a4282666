import { describe, expect, it } from 'vitest';
import { mean } from './mean.ts';

describe('mean', () => {
  it('is the average, undefined for no values', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeUndefined();
  });
});
