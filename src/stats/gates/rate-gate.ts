import { proportionSampleSize, proportionTestPower } from '../gate-power.ts';
import { oneSampleProportionTest, type ProportionDirection } from '../one-sample-proportion-test.ts';
import type { Gate } from './parse-gate.ts';
import { caseShareInterval } from '../case-share-interval.ts';
import { mean } from '../mean.ts';
import { observedDesignEffect, shareIntervalPower, shareIntervalSampleSize } from './share-interval-power.ts';
import { percent, powerOf, resultOf, shownPast, spokenName, wanting, type GateOptions, type GateResult, type GateSubject } from './gate-result.ts';

/**
 * `pass_rate >= 0.9`, `success_rate >= 0.95`: a one-sided test of "the rate is at least (or at
 * most) the threshold", with the case as the unit. The gate fails only when the test rejects it
 * at α, so a healthy prompt at exactly the threshold fails at most α of runs. One repeat: the
 * exact binomial test (Clopper–Pearson bound), which summary.csv's Wilson interval may not match
 * (Wilson is narrower, and not bounded by α), as the line says. Several: summary.csv's own
 * interval (Wilson at the effective number of cases) at 1 − 2α, so that the gate and the summary
 * never disagree on one figure.
 */
export function evaluateRateGate(gate: Gate, subject: GateSubject, options: GateOptions): GateResult {
  if (gate.figure.kind !== 'rate') throw new TypeError(`${gate.figure.name} is not a rate`);
  const shares = subject.outcomes.map(gate.figure.share).filter((share): share is number => share !== undefined);
  const name = spokenName(gate.figure.name);
  if (shares.length === 0) {
    const { unanswered, notSent } = subject.summary;
    return resultOf(gate, subject, false, `no case to test (${unanswered} unanswered, ${notSent} not sent): a run that checked nothing has not shown the rate`);
  }
  const higher = wanting(gate.operator) === 'higher';
  const threshold = gate.value;
  const bad = higher ? threshold - options.powerMargin : threshold + options.powerMargin;
  const badText = `a ${name} of ${percent(bad)}`;
  // A reduce, not a spread: a spread of 100,000 cases overflows the stack.
  const repeats = subject.outcomes.reduce((most, outcome) => Math.max(most, outcome.slots), 0);
  if (gate.figure.needsRepeats && repeats <= 1) {
    return resultOf(gate, subject, false, `${gate.figure.name} is empty with one repeat (pass@1 and pass^1 are the pass rate): gate pass_rate, or run with --repeats 2 or more`);
  }
  const side = higher ? 'upper' : 'lower';
  const level = `${((1 - options.alpha) * 100).toFixed(0)}% ${side} bound`;

  if (repeats <= 1) {
    const successes = shares.filter((share) => share === 1).length;
    const direction: ProportionDirection = higher ? 'at-least' : 'at-most';
    const testOptions = { direction, alpha: options.alpha, midP: options.midP };
    const test = oneSampleProportionTest(successes, shares.length, threshold, testOptions);
    const failed = shownPast({ low: test.bound, high: test.bound }, gate.operator, threshold);
    const method = `${options.midP ? 'mid-p' : 'exact'} one-sided binomial test, α ${options.alpha}, achieved α ${test.achievedAlpha.toPrecision(2)}; summary.csv's Wilson interval may differ`;
    const line = `${name} ${percent(test.estimate)} (${successes} of ${shares.length} cases); ${level} ${percent(test.bound)} ${failed ? 'is' : 'is not'} ${higher ? 'below' : 'above'} ${percent(threshold)} (${method})`;
    const power = bad > 0 && bad < 1 ? proportionTestPower(shares.length, threshold, bad, testOptions) : undefined;
    const needed = power !== undefined && power < 0.8 ? proportionSampleSize(threshold, bad, { ...testOptions, power: 0.8 }) : undefined;
    return resultOf(gate, subject, !failed, line, { achievedAlpha: test.achievedAlpha, ...powerOf(power, needed, badText, 'cases') });
  }

  // summary.csv's interval for the same figure, at 1 − 2α: its upper end is the one-sided bound.
  const interval = caseShareInterval(shares, repeats, 1 - 2 * options.alpha);
  if (!interval) return resultOf(gate, subject, false, `${name}: 1 case is too few for an interval over repeats (needs 2)`);
  const rate = mean(shares)!;
  const bound = higher ? interval.high : interval.low;
  const failed = shownPast(interval, gate.operator, threshold);
  const method = `Wilson at the effective number of cases, summary.csv's interval at ${((1 - 2 * options.alpha) * 100).toFixed(0)}%, one-sided α ${options.alpha}`;
  const line = `${name} ${percent(rate)} (mean over ${shares.length} cases of ${repeats} repeats); ${level} ${percent(bound)} ${failed ? 'is' : 'is not'} ${higher ? 'below' : 'above'} ${percent(threshold)} (${method})`;
  // Power of the same interval's decision, at the design effect this run showed.
  const sizing = { threshold, bad, designEffect: observedDesignEffect(shares, repeats), repeats, alpha: options.alpha };
  const power = bad > 0 && bad < 1 ? shareIntervalPower(shares.length, sizing) : undefined;
  const needed = power !== undefined && power < 0.8 ? shareIntervalSampleSize(sizing) : undefined;
  return resultOf(gate, subject, !failed, line, powerOf(power, needed, badText, 'cases'));
}
