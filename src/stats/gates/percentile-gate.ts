import { percentileInterval } from '../percentile-interval.ts';
import type { Gate } from './parse-gate.ts';
import { figure, resultOf, shownPast, wanting, type GateOptions, type GateResult, type GateSubject } from './gate-result.ts';

/** `ms` for a latency, `tokens/s` for a speed: the unit a figure's line shows. */
export const unitOf = (name: string) => (name.endsWith('_ms') ? ' ms' : name.startsWith('output_tps') ? ' tokens/s' : name.includes('_usd') ? ' USD' : '');

/**
 * `ttft_p50_ms <= 800`: decided on the percentile's distribution-free interval at level 1 − 2α,
 * so that each side errs at most α. The gate fails when the interval lies wholly past the
 * threshold, and when the sample is too small to bound the percentile at all (a p99 of 13
 * samples decides nothing): it says the n it needs.
 */
export function evaluatePercentileGate(gate: Gate, subject: GateSubject, options: GateOptions): GateResult {
  if (gate.figure.kind !== 'percentile') throw new TypeError(`${gate.figure.name} is not a percentile`);
  const { sample, percentile } = gate.figure;
  const values = subject.outcomes.flatMap((outcome) => outcome[sample]);
  const name = gate.figure.name.replace(/_ms$/, '').replaceAll('_', ' ');
  const unit = unitOf(gate.figure.name);
  const level = 1 - 2 * options.alpha;
  const estimate = percentileInterval(values, percentile, level);
  if (estimate.estimate === undefined) {
    return resultOf(gate, subject, false, `${name} needs n ≥ ${estimate.needed} answered requests for a ${(level * 100).toFixed(0)}% interval, has ${estimate.n}: the percentile cannot be bounded`);
  }
  const failed = shownPast(estimate, gate.operator, gate.value);
  const side = wanting(gate.operator) === 'higher' ? 'below' : 'above';
  const line =
    `${name} ${figure(estimate.estimate)}${unit} [${figure(estimate.low)}–${figure(estimate.high)}] (${(level * 100).toFixed(0)}% distribution-free interval, n=${estimate.n}) ` +
    `${failed ? `lies wholly ${side}` : `is not shown ${side}`} ${gate.value}${unit} (each side α ${options.alpha})`;
  return resultOf(gate, subject, !failed, line);
}
