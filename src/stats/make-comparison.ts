import type { PairComparison, RateChange, RatioChange } from './case-comparison.ts';

type Overrides = Partial<Omit<PairComparison, 'passRate'>> & { passRate?: Partial<RateChange> };

const noRate: RateChange = { level: 0.95, cases: 0, base: undefined, current: undefined, difference: undefined, interval: undefined, pValue: undefined, adjustedPValue: undefined, method: 'exact McNemar', minimumDetectable: undefined, verdict: 'not enough data' };
const noRatio: RatioChange = { base: undefined, current: undefined, ratio: undefined, interval: undefined, verdict: 'not enough data' };

/** Test helper: a comparison with nothing known but what the test gives. */
export function makeComparison(overrides: Overrides = {}): PairComparison {
  const { passRate, ...fields } = overrides;
  return {
    target: 'big',
    prompt: 'default',
    baseTarget: 'mini',
    basePrompt: 'default',
    cases: passRate?.cases ?? 0,
    repeats: 1,
    passRate: { ...noRate, ...passRate },
    passRateAnswered: noRate,
    failureRate: noRate,
    ttftP50: noRatio,
    e2eP50: noRatio,
    outputTpsP50: noRatio,
    costPerRequest: noRatio,
    costPerPassed: noRatio,
    flips: { worse: [], better: [] },
    pairs: [],
    ...fields,
  };
}
