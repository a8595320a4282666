import { describe, expect, it } from 'vitest';
import { caseShareInterval } from '../case-share-interval.ts';
import { observedDesignEffect, shareIntervalPower, shareIntervalSampleSize } from './share-interval-power.ts';

const input = { threshold: 0.9, bad: 0.85, designEffect: 0.5, repeats: 3, alpha: 0.05 };

describe('shareIntervalPower and shareIntervalSampleSize', () => {
  it('give the power of the Wilson bound at the effective n, evaluated independently (scipy)', () => {
    // T₉₉((0.05 − t₀.₉₅,₉₉·√(0.5/100)·√0.09) / √(0.5·0.1275/100)).
    expect(shareIntervalPower(100, input)).toBeCloseTo(0.7201569162513863, 10);
    // An at-most gate (failure rate <= 10%, bad 20%) is the mirror image.
    expect(shareIntervalPower(60, { ...input, threshold: 0.1, bad: 0.2, designEffect: 0.8 })).toBeCloseTo(0.8171930082586065, 10);
    // A design effect under 1/repeats is floored there, as the interval caps n at cases × repeats.
    expect(shareIntervalPower(40, { ...input, designEffect: 0.1 })).toBeCloseTo(0.5468017710978077, 10);
    expect(shareIntervalPower(1, input)).toBeUndefined();
  });

  it('size the gate at the first n whose power reaches 80%: 128 cases', () => {
    expect(shareIntervalSampleSize(input)).toBe(128);
    expect(shareIntervalPower(127, input)).toBeCloseTo(0.798607720056352, 10);
    expect(shareIntervalPower(128, input)).toBeCloseTo(0.8010775693812809, 10);
  });

  it("put the decision's edge where caseShareInterval's bound meets the threshold", () => {
    // 50 cases of 3 repeats: shares of 1, 2/3 and 1/3. Set the threshold at the interval's own
    // 95% upper bound (α 0.05): the gap the power is computed from is then exactly threshold − rate.
    const shares = Array.from({ length: 50 }, (_, index) => [1, 1, 1, 2 / 3, 1 / 3][index % 5]!);
    const rate = shares.reduce((sum, share) => sum + share, 0) / shares.length;
    const threshold = caseShareInterval(shares, 3, 0.9)!.high;
    const designEffect = observedDesignEffect(shares, 3);
    // Power at a bad rate equal to the observed one is the t probability of −gap/spread; solve back.
    const bad = rate;
    const power = shareIntervalPower(50, { threshold, bad, designEffect, repeats: 3, alpha: 0.05 })!;
    expect(power).toBeCloseTo(0.5, 10);
  });
});

describe('observedDesignEffect', () => {
  it("reads the shares' variance over rate·(1 − rate), floored at 1/repeats; 1 for whole counts", () => {
    expect(observedDesignEffect([1, 0, 1, 1], 3)).toBe(1);
    // Shares 1, 2/3, 1/3, 0: variance 5/27, rate ½: 20/27.
    expect(observedDesignEffect([1, 2 / 3, 1 / 3, 0], 3)).toBeCloseTo(20 / 27, 12);
    // Every share 2/3: no spread, the floor.
    expect(observedDesignEffect([2 / 3, 2 / 3, 2 / 3], 3)).toBeCloseTo(1 / 3, 12);
  });
});
