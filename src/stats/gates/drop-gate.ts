import { pairedMeanTest } from '../paired-mean-test.ts';
import { mean } from '../mean.ts';
import { mostRepeats, pairedCounts, pairedShares } from '../paired-shares.ts';
import { pairedProportionTest } from '../paired-proportion-test.ts';
import { meanTestPower, meanTestSampleSize } from './mean-test-power.ts';
import { pairedDropPower, pairedDropSampleSize } from './paired-drop-power.ts';
import type { Gate } from './parse-gate.ts';
import { percent, points, powerOf, resultOf, spokenName, type GateBaseline, type GateOptions, type GateResult } from './gate-result.ts';

/**
 * `pass_rate drop <= 5`: a one-sided paired test of "the rate fell by at most 5 points" against
 * the baseline run, on the cases both runs saw. The gate fails only when the upper bound of
 * current − base lies below −5 points: at a true drop of exactly 5 it fails at most α of runs, and
 * two runs of the same prompt almost never. One repeat: McNemar (exact or mid-p) with its matching
 * interval; several: a paired t-test on the per-case differences of shares.
 */
export function evaluateDropGate(gate: Gate, baseline: GateBaseline, options: GateOptions): GateResult {
  if (gate.figure.kind !== 'rate') throw new TypeError(`${gate.figure.name} is not a rate`);
  const share = gate.figure.share;
  const shares = pairedShares(baseline.pairs, share);
  const name = spokenName(gate.figure.name);
  if (shares.length === 0) return resultOf(gate, baseline, false, `no case that counts in both runs: a drop cannot be tested`);
  const allowed = gate.value / 100;
  const strict = gate.operator === '<';
  const level = `${((1 - options.alpha) * 100).toFixed(0)}% upper bound`;
  const badText = `a drop of ${(gate.value + options.powerMargin * 100).toFixed(1)} points`;
  // Both means exist: shares is not empty here.
  const from = `${name} ${percent(mean(shares.map((pair) => pair.base))!)} → ${percent(mean(shares.map((pair) => pair.current))!)}`;
  const repeats = mostRepeats(baseline.pairs);
  if (gate.figure.needsRepeats && repeats <= 1) {
    return resultOf(gate, baseline, false, `${gate.figure.name} is empty with one repeat (pass@1 and pass^1 are the pass rate): gate pass_rate drop instead`);
  }

  if (repeats <= 1) {
    const counts = pairedCounts(shares);
    const test = pairedProportionTest(counts, { alternative: 'less', level: 1 - options.alpha, midP: options.midP });
    if (!test) return resultOf(gate, baseline, false, `no case that counts in both runs: a drop cannot be tested`);
    const upper = test.interval.high;
    const failed = strict ? upper <= -allowed : upper < -allowed;
    const line =
      `${from} (${points(test.difference)} over ${test.pairs} paired cases, ${test.baselineOnly} lost and ${test.currentOnly} gained); ` +
      `${level} of the change ${points(upper)}: ${failed ? 'a drop of more than' : 'not shown to drop more than'} ${gate.value} points (${options.midP ? 'mid-p' : 'exact'} McNemar, one-sided, α ${options.alpha})`;
    // Power is stated against a prompt that drops by `bad`: its discordant cases are the ones that
    // move both ways by chance, seen as twice the smaller side (a regression does not inflate
    // them, as the observed share after a large drop would), plus the cases the drop itself loses.
    const bad = allowed + options.powerMargin;
    const noise = (2 * Math.min(test.baselineOnly, test.currentOnly)) / test.pairs;
    const input = { allowed, margin: options.powerMargin, discordantShare: Math.min(1, noise + bad), alpha: options.alpha, midP: options.midP };
    const power = pairedDropPower(test.pairs, input);
    const needed = power < 0.8 ? pairedDropSampleSize(input) : undefined;
    return resultOf(gate, baseline, !failed, line, powerOf(power, needed, badText, 'paired cases'));
  }

  const test = pairedMeanTest(
    shares.map((pair) => pair.current - pair.base),
    { alternative: 'less', level: 1 - options.alpha },
  );
  if (!test) return resultOf(gate, baseline, false, `${from}: 1 paired case is too few for a test over repeats (needs 2)`);
  // A difference of shares is at most +1: the t bound of a few cases can reach past it.
  const upper = Math.min(1, test.interval.high);
  const failed = strict ? upper <= -allowed : upper < -allowed;
  const line =
    `${from} (${points(test.mean)} over ${test.n} paired cases of ${repeats} repeats); ` +
    `${level} of the change ${points(upper)}: ${failed ? 'a drop of more than' : 'not shown to drop more than'} ${gate.value} points (paired t-test on the cases' shares, one-sided, α ${options.alpha})`;
  // With every difference alike the spread says nothing: at least what a drop that large needs.
  const bad = allowed + options.powerMargin;
  const sd = test.sd > 0 ? test.sd : Math.sqrt(Math.max(0, bad - bad * bad));
  const power = meanTestPower(test.n, sd, options.powerMargin, options.alpha);
  const needed = power !== undefined && power < 0.8 ? meanTestSampleSize(sd, options.powerMargin, options.alpha) : undefined;
  return resultOf(gate, baseline, !failed, line, powerOf(power, needed, badText, 'paired cases'));
}
