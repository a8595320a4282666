import { bootstrapRatio } from '../bootstrap-ratio.ts';
import type { CaseOutcome } from '../case-outcomes.ts';
import { percentile } from '../percentile.ts';
import type { RatioKey } from './gate-figures.ts';
import type { Gate } from './parse-gate.ts';
import { figure, resultOf, shownPast, wanting, type GateBaseline, type GateOptions, type GateResult } from './gate-result.ts';

/** Paired cases a ratio's interval needs, as a median's distribution-free interval needs 6. */
const minimumCases = 6;

const median = (values: (outcome: CaseOutcome) => number[]) => (sample: readonly CaseOutcome[]) => percentile(sample.flatMap(values), 50);

/** Cost per request over the cases: unknown when no attempt's cost is known. */
function costPerRequest(sample: readonly CaseOutcome[]): number | undefined {
  const known = sample.filter((outcome) => outcome.costUsd !== undefined);
  const requests = sample.reduce((sum, outcome) => sum + outcome.slots, 0);
  return known.length === 0 || requests === 0 ? undefined : known.reduce((sum, outcome) => sum + outcome.costUsd!, 0) / requests;
}

/** Each ratio's figure over a sample of cases, as the comparison computes it. */
const ratioFigures: Record<RatioKey, (sample: readonly CaseOutcome[]) => number | undefined> = {
  ttftP50: median((outcome) => outcome.ttftMs),
  e2eP50: median((outcome) => outcome.e2eMs),
  outputTpsP50: median((outcome) => outcome.outputTps),
  costPerRequest,
};

/**
 * `ttft_p50 ratio <= 1.2`, `cost_per_1k_requests ratio <= 1.1`: current / baseline on the paired
 * cases, with a seeded case-resampling bootstrap interval at level 1 − 2α (each side α). The gate
 * fails when the interval lies wholly past the threshold, and when there is no interval: under 6
 * cases with the figure on both sides. A known 0 is a figure: a cost cut to 0 is a ratio of 0,
 * a baseline that cost nothing makes any cost an infinite ratio, and 0 in both runs is 1.
 */
export function evaluateRatioGate(gate: Gate, baseline: GateBaseline, options: GateOptions & { seed?: number; resamples?: number }): GateResult {
  const key = gate.figure.ratio;
  if (key === undefined) throw new TypeError(`${gate.figure.name} has no ratio`);
  const of = ratioFigures[key];
  const level = 1 - 2 * options.alpha;
  const estimate = bootstrapRatio(baseline.pairs, { base: (sample) => of(sample.map((pair) => pair.base)), current: (sample) => of(sample.map((pair) => pair.current)) }, {
    seed: options.seed ?? 1,
    resamples: options.resamples ?? 2000,
    level,
    minimumCases,
  });
  const name = `${gate.figure.name.replace(/_(ms|usd)$/, '').replaceAll('_', ' ')} ratio`;
  const base = of(baseline.pairs.map((pair) => pair.base));
  const current = of(baseline.pairs.map((pair) => pair.current));
  // A known 0 in the baseline: nothing to divide by, but the change is plain.
  if (base === 0 && current !== undefined) {
    if (current === 0) {
      const holds = { '>=': 1 >= gate.value, '<=': 1 <= gate.value, '>': 1 > gate.value, '<': 1 < gate.value }[gate.operator];
      return resultOf(gate, baseline, holds, `${name} 1: the figure is 0 in both runs (no change), ${holds ? 'meets' : 'fails'} ${gate.operator} ${gate.value}`);
    }
    const holds = gate.operator === '>=' || gate.operator === '>';
    return resultOf(gate, baseline, holds, `${name} infinite: the baseline's figure is 0 (${zeroReason(key)}) and this run's is ${figure(current)}`);
  }
  if (!estimate) return resultOf(gate, baseline, false, `${name}: no figure on one side (of ${baseline.pairs.length} paired cases): the ratio cannot be tested`);
  if (estimate.cases < minimumCases) {
    return resultOf(gate, baseline, false, `${name} ${figure(estimate.ratio)}, but no interval: needs n ≥ ${minimumCases} paired cases with the figure on both sides, has ${estimate.cases}`);
  }
  if (!estimate.interval) return resultOf(gate, baseline, false, `${name} ${figure(estimate.ratio)}, but no interval: too many resamples of the ${estimate.cases} paired cases lack the figure on one side`);
  const failed = shownPast(estimate.interval, gate.operator, gate.value);
  const side = wanting(gate.operator) === 'higher' ? 'below' : 'above';
  const line =
    `${name} ${figure(estimate.ratio)} [${figure(estimate.interval.low)}–${figure(estimate.interval.high)}] (${(level * 100).toFixed(0)}% case-paired bootstrap over ${estimate.cases} cases) ` +
    `${failed ? `lies wholly ${side}` : `is not shown ${side}`} ${gate.value} (each side α ${options.alpha})`;
  return resultOf(gate, baseline, !failed, line);
}

/** What a baseline figure of 0 means, for the line. */
const zeroReason = (key: RatioKey) => (key === 'costPerRequest' ? 'the baseline cost nothing' : 'the baseline measured 0');
