import { describe, expect, it } from 'vitest';
import { outputWidth } from './output-width.ts';

describe('outputWidth', () => {
  it("is the terminal's width, at most 100 columns", () => {
    expect(outputWidth({ isTTY: true, columns: 72 })).toBe(72);
    expect(outputWidth({ isTTY: true, columns: 240 })).toBe(100);
  });

  it('is 100 off a terminal (a file, a pipe) or when the terminal says no width', () => {
    expect(outputWidth({ isTTY: false, columns: 40 })).toBe(100);
    expect(outputWidth({})).toBe(100);
    expect(outputWidth({ isTTY: true, columns: 0 })).toBe(100);
  });

  it('has no limit with --wide', () => {
    expect(outputWidth({ isTTY: true, columns: 72 }, true)).toBe(Infinity);
  });
});
