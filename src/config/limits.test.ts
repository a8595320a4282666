import { describe, expect, it } from 'vitest';
import { boundedNumber } from './bounded-number.ts';
import { describeBound, flagProblem, limits, maxTimerMs, withinBound, type NumberBound } from './limits.ts';

describe('limits', () => {
  it('keeps every duration, and every wait a rate implies, inside what one timer holds', () => {
    for (const bound of [limits.requestTimeoutMs, limits.durationMs, limits.latencyBoundMs] as NumberBound[]) {
      expect(bound.maximum).toBeLessThanOrEqual(maxTimerMs);
    }
    expect(limits.drainSeconds.maximum * 1000).toBeLessThanOrEqual(maxTimerMs);
    expect(1000 / limits.rate.minimum).toBeLessThanOrEqual(maxTimerMs);
  });

  it('refuses NaN, Infinity, non-numbers, fractions where a count is needed, and the minimum of an open range', () => {
    expect(withinBound(limits.repeats, Number.NaN)).toBe(false);
    expect(withinBound(limits.repeats, Infinity)).toBe(false);
    expect(withinBound(limits.repeats, '3')).toBe(false);
    expect(withinBound(limits.repeats, 2.5)).toBe(false);
    expect(withinBound(limits.repeats, 3)).toBe(true);
    expect(withinBound(limits.budgetUsd, 0)).toBe(false);
    expect(withinBound(limits.budgetUsd, 0.01)).toBe(true);
    expect(withinBound(limits.fraction, 1)).toBe(true);
    expect(withinBound(limits.fraction, 1.0000001)).toBe(false);
  });

  it('names the flag, the value and the range', () => {
    expect(describeBound(limits.requestTimeoutMs)).toBe('an integer from 1 to 86400000 ms (24 h)');
    expect(flagProblem('timeout-ms', limits.requestTimeoutMs, 99_999_999_999)).toBe(
      'Expected --timeout-ms to be an integer from 1 to 86400000 ms (24 h), got `99999999999`',
    );
    expect(flagProblem('timeout-ms', limits.requestTimeoutMs, undefined)).toBeUndefined();
    expect(flagProblem('seed', limits.seed, [1, 2])).toBe('Expected --seed to be an integer from 0 to 4294967295, got `1, 2`');
  });

  it('gives file fields the same bounds, with the value in the message', () => {
    const schema = boundedNumber(limits.durationMs);
    expect(schema.safeParse(86_400_000).success).toBe(true);
    expect(schema.safeParse(1e12).error?.issues.map((issue) => issue.message)).toEqual(['expected a number from 0 to 86400000 ms (24 h), got 1000000000000']);
    expect(schema.safeParse('5').error?.issues.map((issue) => issue.message)).toEqual(['expected a number from 0 to 86400000 ms (24 h), got "5"']);
    expect(schema.safeParse(Infinity).error?.issues.map((issue) => issue.message)).toEqual(['expected a number from 0 to 86400000 ms (24 h), got Infinity']);
  });
});

describe('number flags given text', () => {
  it('quote the text given, not NaN', async () => {
    const { numberFlagOption } = await import('./limits.ts');
    expect(flagProblem('concurrency', limits.concurrency, numberFlagOption.coerce('abc'))).toBe('Expected --concurrency to be an integer from 1 to 10000, got `"abc"`');
    expect(numberFlagOption.coerce('12')).toBe(12);
  });
});
