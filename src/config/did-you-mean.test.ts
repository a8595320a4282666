import { describe, expect, it } from 'vitest';
import { didYouMean } from './did-you-mean.ts';

const known = ['repeats', 'maxTokens', 'concurrency', 'targetConcurrency', 'timeoutMs', 'out'];

describe('didYouMean', () => {
  it('finds a name within two edits', () => {
    expect(didYouMean('concurency', known)).toBe('concurrency');
    expect(didYouMean('repeat', known)).toBe('repeats');
  });

  it('finds the same name in kebab, snake or another case, however far apart', () => {
    expect(didYouMean('max-tokens', known)).toBe('maxTokens');
    expect(didYouMean('timeout_ms', known)).toBe('timeoutMs');
    expect(didYouMean('TARGET-CONCURRENCY', known)).toBe('targetConcurrency');
  });

  it('suggests nothing when no name is close, nor a short name rewritten whole', () => {
    expect(didYouMean('parallelism', known)).toBeUndefined();
    expect(didYouMean('in', known)).toBeUndefined();
  });
});
