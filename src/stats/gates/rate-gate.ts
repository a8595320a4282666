import { proportionSampleSize, proportionTestPower } from '../gate-power.ts';
import { oneSampleProportionTest, type ProportionDirection } from '../one-sample-proportion-test.ts';
import { oneSampleMeanTest } from '../paired-mean-test.ts';
import type { Gate } from './parse-gate.ts';
import { meanTestPower, meanTestSampleSize } from './mean-test-power.ts';
import { percent, powerOf, resultOf, shownPast, wanting, type GateOptions, type GateResult, type GateSubject } from './gate-result.ts';

/**
 * `pass_rate >= 0.9`, `success_rate >= 0.95`: a one-sided test of "the rate is at least (or at
 * most) the threshold", with the case as the unit. The gate fails only when the test rejects it
 * at α, so a healthy prompt at exactly the threshold fails at most α of runs. One repeat: the
 * exact binomial test (Clopper–Pearson bound); several: a t-test on the per-case shares.
 */
export function evaluateRateGate(gate: Gate, subject: GateSubject, options: GateOptions): GateResult {
  if (gate.figure.kind !== 'rate') throw new TypeError(`${gate.figure.name} is not a rate`);
  const shares = subject.outcomes.map(gate.figure.share).filter((share): share is number => share !== undefined);
  const name = gate.figure.name.replace('_', ' ');
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
  const side = higher ? 'upper' : 'lower';
  const level = `${((1 - options.alpha) * 100).toFixed(0)}% ${side} bound`;

  if (repeats <= 1) {
    const successes = shares.filter((share) => share === 1).length;
    const direction: ProportionDirection = higher ? 'at-least' : 'at-most';
    const testOptions = { direction, alpha: options.alpha, midP: options.midP };
    const test = oneSampleProportionTest(successes, shares.length, threshold, testOptions);
    const failed = shownPast({ low: test.bound, high: test.bound }, gate.operator, threshold);
    const method = `${options.midP ? 'mid-p' : 'exact'} one-sided binomial test, α ${options.alpha}, achieved α ${test.achievedAlpha.toPrecision(2)}`;
    const line = `${name} ${percent(test.estimate)} (${successes} of ${shares.length} cases); ${level} ${percent(test.bound)} ${failed ? 'is' : 'is not'} ${higher ? 'below' : 'above'} ${percent(threshold)} (${method})`;
    const power = bad > 0 && bad < 1 ? proportionTestPower(shares.length, threshold, bad, testOptions) : undefined;
    const needed = power !== undefined && power < 0.8 ? proportionSampleSize(threshold, bad, { ...testOptions, power: 0.8 }) : undefined;
    return resultOf(gate, subject, !failed, line, { achievedAlpha: test.achievedAlpha, ...powerOf(power, needed, badText, 'cases') });
  }

  const test = oneSampleMeanTest(shares, { alternative: higher ? 'less' : 'greater', level: 1 - options.alpha, nullValue: threshold });
  if (!test) return resultOf(gate, subject, false, `${name}: 1 case is too few for a test over repeats (needs 2)`);
  const bound = higher ? test.interval.high : test.interval.low;
  const failed = shownPast(test.interval, gate.operator, threshold);
  const line = `${name} ${percent(test.mean)} (mean over ${test.n} cases of ${repeats} repeats); ${level} ${percent(bound)} ${failed ? 'is' : 'is not'} ${higher ? 'below' : 'above'} ${percent(threshold)} (one-sided t-test on the cases' shares, α ${options.alpha})`;
  // With every case alike the spread says nothing of a bad run's: the widest a share can vary is used.
  const sd = test.sd > 0 ? test.sd : Math.sqrt(Math.max(0, bad * (1 - bad)));
  const power = bad > 0 && bad < 1 ? meanTestPower(test.n, sd, options.powerMargin, options.alpha) : undefined;
  const needed = power !== undefined && power < 0.8 ? meanTestSampleSize(sd, options.powerMargin, options.alpha) : undefined;
  return resultOf(gate, subject, !failed, line, powerOf(power, needed, badText, 'cases'));
}
