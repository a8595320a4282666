import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../records/attempt-record.ts';
import type { CasePair } from '../case-comparison.ts';
import { caseOutcomes } from '../case-outcomes.ts';
import { makeAttempt } from '../make-attempt.ts';
import { summarize } from '../summarize.ts';
import { tangoInterval, tangoScore } from '../tango-interval.ts';
import { evaluateGates } from './evaluate-gates.ts';
import type { GateBaseline, GateSubject } from './gate-result.ts';
import { parseGate, type Gate } from './parse-gate.ts';

const options = { alpha: 0.05, midP: false, powerMargin: 0.05 };

const gate = (text: string): Gate => {
  const parsed = parseGate(text);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.gate;
};

/** A case's repeats: true passed, false failed, null unanswered. */
type Repeats = Array<boolean | null>;

function records(cases: readonly Repeats[], extra: (caseIndex: number) => Partial<AttemptRecord> = () => ({})): AttemptRecord[] {
  return cases.flatMap((repeats, caseIndex) =>
    repeats.map((verdict, index) =>
      makeAttempt({
        target: 'mini',
        caseId: `case-${caseIndex}`,
        repeat: index + 1,
        ...extra(caseIndex),
        ...(verdict === null ? { error: { type: 'timeout', message: 'timed out' } } : { score: { score: verdict ? 1 : 0, passed: verdict, reason: '' } }),
      }),
    ),
  );
}

function subject(cases: readonly Repeats[], extra?: (caseIndex: number) => Partial<AttemptRecord>): GateSubject {
  const all = records(cases, extra);
  return { target: 'mini', prompt: 'default', summary: summarize(all)[0]!, outcomes: [...caseOutcomes(all).values()] };
}

/** n one-repeat cases, the first `passed` of them passing. */
const single = (n: number, passed: number): Repeats[] => Array.from({ length: n }, (_, index) => [index < passed]);

/** P(X ≤ k) for X ~ Binomial(n, p), summed term by term: independent of the code under test. */
function binomialCdf(k: number, n: number, p: number): number {
  let term = (1 - p) ** n;
  let sum = 0;
  for (let x = 0; x <= k; x++) {
    sum += term;
    term *= ((n - x) / (x + 1)) * (p / (1 - p));
  }
  return sum;
}

describe('an absolute rate gate (pass_rate >= R), one repeat: the exact one-sided binomial test', () => {
  it('passes 26 of 30 against 0.9: the 95% upper bound (95.3%) is not below 90%; its achieved α is exact', () => {
    const [result] = evaluateGates({ gates: [gate('pass_rate >= 0.9')], subjects: [subject(single(30, 26))] }, options);
    // The largest count whose lower tail at 0.9 is below α is 23: P(X ≤ 23 | 30, 0.9) = 0.0258.
    expect(result).toMatchObject({ gate: 'pass_rate >= 0.9', target: 'mini', prompt: 'default', passed: true });
    expect(result!.achievedAlpha).toBeCloseTo(binomialCdf(23, 30, 0.9), 12);
    expect(result!.line).toBe("pass rate 86.7% (26 of 30 cases); 95% upper bound 95.3% is not below 90.0% (exact one-sided binomial test, α 0.05, achieved α 0.026; summary.csv's Wilson interval may differ)");
    // A prompt that truly passes 85% is caught only when 23 or fewer pass: 15% of runs.
    expect(result!.power).toBeCloseTo(binomialCdf(23, 30, 0.85), 12);
    expect(result!.neededN).toBe(270);
    expect(result!.warning).toBe('power 15.3% against a pass rate of 85.0%: 270 cases would give 80%');
  });

  it('with --mid-p, rejects one count more: its achieved α (0.073 at 30 cases) is no longer bounded by α', () => {
    const [result] = evaluateGates({ gates: [gate('pass_rate >= 0.9')], subjects: [subject(single(30, 24))] }, { ...options, midP: true });
    // P(X < 24) + ½P(X = 24) < 0.05 at 0.9, so 24 of 30 fails; the exact test passes it.
    expect(result!.passed).toBe(false);
    expect(result!.achievedAlpha).toBeCloseTo(binomialCdf(24, 30, 0.9), 12);
    expect(result!.line).toMatch(/\(mid-p one-sided binomial test, α 0\.05, achieved α 0\.073; summary\.csv's Wilson interval may differ\)$/);
    expect(evaluateGates({ gates: [gate('pass_rate >= 0.9')], subjects: [subject(single(30, 24))] }, options)[0]!.passed).toBe(true);
  });

  it('fails 20 of 30 against 0.9: the upper bound (80.7%) is below 90%', () => {
    const [result] = evaluateGates({ gates: [gate('pass_rate >= 0.9')], subjects: [subject(single(30, 20))] }, options);
    expect(result).toMatchObject({ passed: false, line: "pass rate 66.7% (20 of 30 cases); 95% upper bound 80.7% is below 90.0% (exact one-sided binomial test, α 0.05, achieved α 0.026; summary.csv's Wilson interval may differ)" });
  });

  it('counts an unanswered request as a failure: 60 of 65 answered passing, 35 timeouts, is 60 of 100', () => {
    const cases: Repeats[] = [...single(65, 60), ...Array.from({ length: 35 }, (): Repeats => [null])];
    const [result] = evaluateGates({ gates: [gate('pass_rate >= 0.9')], subjects: [subject(cases)] }, options);
    expect(result!.passed).toBe(false);
    expect(result!.line).toMatch(/^pass rate 60\.0% \(60 of 100 cases\)/);
  });

  it('fails a target with nothing to test; unanswered cases count, as failures', () => {
    const [result] = evaluateGates({ gates: [gate('pass_rate >= 0.5')], subjects: [subject([[null], [null]])] }, options);
    expect(result).toMatchObject({ passed: true });
    const empty = { ...subject([]), summary: summarize([], [{ target: 'mini', prompt: 'default', slots: 2 }])[0]! };
    expect(evaluateGates({ gates: [gate('pass_rate >= 0.5')], subjects: [empty] }, options)[0]).toMatchObject({
      passed: false,
      line: 'no case to test (0 unanswered, 2 not sent): a run that checked nothing has not shown the rate',
    });
  });
});

describe("an absolute rate gate with repeats: summary.csv's interval (Wilson at the effective number of cases) at 1 − 2α", () => {
  const mixed: Repeats[] = [...Array.from({ length: 6 }, (): Repeats => [true, true, true]), [true, true, false], [true, false, true], [false, false, true], [true, true, true]];

  it("at α 0.025 decides on exactly the 95% interval summary.csv reports for the figure", () => {
    const decided = subject(mixed);
    const { passRateCiLow, passRateCiHigh } = decided.summary;
    const strict = { ...options, alpha: 0.025 };
    const [upper] = evaluateGates({ gates: [gate('pass_rate >= 0.99')], subjects: [decided] }, strict);
    expect(upper!.line).toBe(
      `pass rate 86.7% (mean over 10 cases of 3 repeats); 98% upper bound ${(passRateCiHigh! * 100).toFixed(1)}% is below 99.0% (Wilson at the effective number of cases, summary.csv's interval at 95%, one-sided α 0.025)`,
    );
    expect(upper!.passed).toBe(passRateCiHigh! >= 0.99);
    const [lower] = evaluateGates({ gates: [gate('pass_rate <= 0.5')], subjects: [decided] }, strict);
    expect(lower!.line).toContain(`lower bound ${(passRateCiLow! * 100).toFixed(1)}% is above 50.0%`);
    expect(lower!.passed).toBe(false);
    // Each side of the threshold: the gate fails exactly when the interval lies wholly past it.
    for (const threshold of [passRateCiHigh! - 0.001, passRateCiHigh! + 0.001]) {
      const [result] = evaluateGates({ gates: [gate(`pass_rate >= ${threshold}`)], subjects: [decided] }, strict);
      expect(result!.passed).toBe(threshold <= passRateCiHigh!);
    }
  });

  it('with repeats that add no spread, is at least as strict as one repeat, and never bounds a rate past 100%', () => {
    // 13 cases, 11 always pass and 2 always fail (the tester's run of gpt-4o-mini at -r 3): the
    // t-test said "upper bound 103.2%" and passed pass_rate >= 0.99, which one repeat fails.
    const steady: Repeats[] = Array.from({ length: 13 }, (_, index): Repeats => Array.from({ length: 3 }, () => index < 11));
    const [once] = evaluateGates({ gates: [gate('pass_rate >= 0.99')], subjects: [subject(single(13, 11))] }, options);
    const [thrice] = evaluateGates({ gates: [gate('pass_rate >= 0.99')], subjects: [subject(steady)] }, options);
    expect(once!.passed).toBe(false);
    expect(thrice!.passed).toBe(false);
    // Wilson over the 13 cases at 90% (z = 1.645): 94.8%, computed apart with Python.
    expect(thrice!.line).toBe(
      "pass rate 84.6% (mean over 13 cases of 3 repeats); 95% upper bound 94.8% is below 99.0% (Wilson at the effective number of cases, summary.csv's interval at 90%, one-sided α 0.05)",
    );
  });

  it('does not shrink to a point when every case passed every repeat, nor when every share is alike', () => {
    // 40 cases, all passed thrice: the t-test gave a lower bound of 100% and failed pass_rate <= 0.99.
    const perfect: Repeats[] = Array.from({ length: 40 }, (): Repeats => [true, true, true]);
    const [result] = evaluateGates({ gates: [gate('pass_rate <= 0.99')], subjects: [subject(perfect)] }, options);
    expect(result).toMatchObject({ passed: true });
    // Wilson over 40 cases at 90%: 40 / (40 + 1.645²) = 93.7%.
    expect(result!.line).toContain('95% lower bound 93.7% is not above 99.0%');
    // Every case 2 of 3: no spread between cases, so the floor is every repeat counted: Wilson at 120 trials, 73.3%.
    const alike: Repeats[] = Array.from({ length: 40 }, (): Repeats => [true, true, false]);
    const [floored] = evaluateGates({ gates: [gate('pass_rate >= 0.7')], subjects: [subject(alike)] }, options);
    expect(floored!.line).toMatch(/^pass rate 66\.7% \(mean over 40 cases of 3 repeats\); 95% upper bound 73\.3% is not below 70\.0%/);
    expect(floored!.passed).toBe(true);
  });

  it("fails a rate shown below the threshold, and states the power of the summary's interval at the floored design effect", () => {
    // Shares 2/3 and 1/3: a design effect of 0.12, floored at 1/3 (repeats drawn independently).
    const bad: Repeats[] = Array.from({ length: 10 }, (_, index): Repeats => [index % 2 === 0, true, false]);
    const [failed] = evaluateGates({ gates: [gate('pass_rate >= 0.9')], subjects: [subject(bad)] }, options);
    expect(failed!.passed).toBe(false);
    expect(failed!.line).toMatch(/^pass rate 50\.0% \(mean over 10 cases of 3 repeats\); 95% upper bound \d+\.\d% is below 90\.0%/);
    // T₉((0.05 − max(t₀.₉₅,₉·√(1/30), z₀.₉₅/√30)·0.3) / √(0.85·0.15/30)), evaluated independently (scipy); 86 cases reach 80%.
    expect(failed!.power).toBeCloseTo(0.22962636674048817, 10);
    expect(failed!.warning).toBe('power 23.0% against a pass rate of 85.0%: 86 cases would give 80%');
  });

  it('cannot bound one case whose repeats disagree', () => {
    const [result] = evaluateGates({ gates: [gate('pass_rate >= 0.5')], subjects: [subject([[true, false, true]])] }, options);
    expect(result).toMatchObject({ passed: false, line: 'pass rate: 1 case is too few for an interval over repeats (needs 2)' });
  });
});

describe('gates on the other rates summary.csv reports: answered-only, pass@k, pass^k, and the flaky cases', () => {
  // 10 cases × 3 repeats: 6 always pass, 2 pass once (flaky), 1 always fails, 1 never answered.
  const mixed: Repeats[] = [
    ...Array.from({ length: 6 }, (): Repeats => [true, true, true]),
    [true, false, false],
    [false, true, false],
    [false, false, false],
    [null, null, null],
  ];

  it('reads the same figure summary.csv shows', () => {
    const tested = subject(mixed);
    const results = evaluateGates({ gates: ['pass_rate_answered >= 0.9', 'pass_at_k >= 0.9', 'pass_all_k >= 0.5', 'flaky_cases <= 1'].map(gate), subjects: [tested] }, options);
    expect(results.map((result) => result.line.split(';')[0])).toEqual([
      `pass rate answered ${(tested.summary.passRateAnswered! * 100).toFixed(1)}% (mean over 9 cases of 3 repeats)`,
      'pass@k 80.0% (mean over 10 cases of 3 repeats)',
      'pass^k 60.0% (mean over 10 cases of 3 repeats)',
      'flaky_cases 2 fails <= 1 (compared as measured: no interval)',
    ]);
    expect(tested.summary.passAtK).toBe(0.8);
    expect(tested.summary.passAllK).toBe(0.6);
    expect(results[3]!.passed).toBe(false);
  });

  it('refuses pass@k with one repeat, where summary.csv leaves it empty: pass@1 is the pass rate', () => {
    const [result] = evaluateGates({ gates: [gate('pass_at_k >= 0.5')], subjects: [subject(single(10, 8))] }, options);
    expect(result).toMatchObject({ passed: false, line: 'pass_at_k is empty with one repeat (pass@1 and pass^1 are the pass rate): gate pass_rate, or run with --repeats 2 or more' });
    expect(evaluateGates({ gates: [gate('flaky_cases <= 0')], subjects: [subject(single(10, 8))] }, options)[0]).toMatchObject({ passed: false, line: 'flaky_cases is unknown (an empty cell): nothing to compare' });
  });
});

describe('a percentile gate: the distribution-free interval at 1 − 2α', () => {
  // 20 answers, ttft 1..20 ms: the 90% interval of the median is [x(6), x(15)] = [6, 15]
  // (P(B ≤ 5) = 0.021 ≤ 0.05 < P(B ≤ 6) = 0.058 for B ~ Binomial(20, 0.5)).
  const timed = subject(single(20, 20), (index) => ({ timing: { ttftMs: index + 1 } }));

  it('fails only when the interval lies wholly past the threshold', () => {
    const results = evaluateGates({ gates: [gate('ttft_p50_ms <= 5'), gate('ttft_p50 <= 6'), gate('ttft_p50 < 6')], subjects: [timed] }, options);
    expect(results.map((result) => result.passed)).toEqual([false, true, false]);
    expect(results[0]!.line).toBe('ttft p50 10.5 ms [6–15] (90% distribution-free interval, n=20) lies wholly above 5 ms (each side α 0.05)');
    expect(results[1]!.line).toBe('ttft p50 10.5 ms [6–15] (90% distribution-free interval, n=20) is not shown above 6 ms (each side α 0.05)');
  });

  it('fails a percentile the sample cannot bound, saying the n it needs: never a p99 of 13 samples', () => {
    const [result] = evaluateGates({ gates: [gate('ttft_p99_ms <= 100000')], subjects: [subject(single(13, 13), (index) => ({ timing: { ttftMs: index + 1 } }))] }, options);
    // 0.99^n ≤ 0.05 first at n = 299.
    expect(result).toMatchObject({ passed: false, line: 'ttft p99 needs n ≥ 299 answered requests for a 90% interval, has 13: the percentile cannot be bounded' });
  });
});

describe('a plain figure', () => {
  it('is compared as measured, and the line says so; an unknown figure fails', () => {
    const costly = subject(single(4, 4), () => ({ costUsd: 0.25 }));
    const results = evaluateGates({ gates: [gate('cost_usd_total <= 1'), gate('cost_usd_total < 1'), gate('requests >= 4')], subjects: [costly] }, options);
    expect(results.map((result) => [result.passed, result.line])).toEqual([
      [true, 'cost_usd_total 1 USD meets <= 1 USD (compared as measured: no interval)'],
      [false, 'cost_usd_total 1 USD fails < 1 USD (compared as measured: no interval)'],
      [true, 'requests 4 meets >= 4 (compared as measured: no interval)'],
    ]);
    expect(evaluateGates({ gates: [gate('cost_usd_total <= 1')], subjects: [subject(single(1, 1))] }, options)[0]).toMatchObject({ passed: false, line: 'cost_usd_total is unknown (an empty cell): nothing to compare' });
  });
});

/** The run's cases paired with a baseline's: `base` and `current` one-repeat verdicts. */
function baseline(base: Repeats[], current: Repeats[], extra: { base?: (index: number) => Partial<AttemptRecord>; current?: (index: number) => Partial<AttemptRecord> } = {}): GateBaseline {
  const baseOutcomes = [...caseOutcomes(records(base, extra.base)).values()];
  const currentOutcomes = [...caseOutcomes(records(current, extra.current)).values()];
  const pairs: CasePair[] = baseOutcomes.map((outcome, index) => ({ key: outcome.key, caseId: outcome.caseId, base: outcome, current: currentOutcomes[index]! }));
  return { target: 'mini', prompt: 'default', pairs };
}

describe('a drop gate against a baseline run (pass_rate drop <= 5)', () => {
  it('fails when 10 of 60 answers turn wrong: the one-sided upper bound of the change is −9.6 points', () => {
    const pairs = baseline(single(60, 50), single(60, 40));
    const [result] = evaluateGates({ gates: [gate('pass_rate drop <= 5')], subjects: [subject(single(60, 40))], baselines: [pairs] }, options);
    // Tango's score interval, one-sided, with the exact test's half pair of continuity correction:
    // the upper bound U has Z(U) = −z₀.₉₅ (the done-means: below −5 points).
    const z = 1.6448536269514722;
    const upper = tangoInterval({ currentOnly: 0, baselineOnly: 10, pairs: 60 }, Infinity, z, 0.5).high;
    expect(tangoScore({ currentOnly: 0, baselineOnly: 10, pairs: 60 }, upper, 0.5)).toBeCloseTo(-z, 9);
    expect(result!.passed).toBe(false);
    expect(result!.line).toBe(
      `pass rate 83.3% → 66.7% (−16.7 points over 60 paired cases, 10 lost and 0 gained); 95% upper bound of the change −${(-upper * 100).toFixed(1)} points: a drop of more than 5 points (exact McNemar, one-sided, α 0.05)`,
    );
    expect((-upper * 100).toFixed(1)).toBe('9.6');
    // Power against a 10-point drop, Connor's approximation with its null at the allowed 5, the
    // discordant share that of a prompt that drops 10 points: no case moved both ways (0) + 0.10,
    // not the 1/6 the regression itself produced.
    const share = 0.1;
    const signal = 0.05 * Math.sqrt(60) - z * Math.sqrt(share - 0.05 ** 2);
    expect(result!.power).toBeCloseTo(normalCdf(signal / Math.sqrt(share - 0.1 ** 2), 0, 1), 9);
    expect(result!.power).toBeCloseTo(0.3369, 3);
    expect(result!.neededN).toBe(Math.ceil(((z * Math.sqrt(share - 0.05 ** 2) + 0.8416212335729143 * Math.sqrt(share - 0.1 ** 2)) / 0.05) ** 2));
  });

  it('states power against the drop, not against the share a large regression inflated', () => {
    // 30 of 60 lost: the observed discordant share is 1/2, but a stable prompt here moves no case both ways.
    const [large] = evaluateGates({ gates: [gate('pass_rate drop <= 5')], subjects: [subject(single(60, 20))], baselines: [baseline(single(60, 50), single(60, 20))] }, options);
    expect(large!.passed).toBe(false);
    expect(large!.power).toBeCloseTo(0.3369, 3);
    // 5 lost and 5 gained of 60 (the A/A noise): power against a 10-point drop on top of that noise.
    const swapped: Repeats[] = Array.from({ length: 60 }, (_, index) => [index >= 5 && index < 55]);
    const [noisy] = evaluateGates({ gates: [gate('pass_rate drop <= 5')], subjects: [subject(swapped)], baselines: [baseline(single(60, 50), swapped)] }, options);
    expect(noisy!.passed).toBe(true);
    expect(noisy!.power).toBeLessThan(large!.power!);
  });

  it('passes two runs that agree on every case (A/A)', () => {
    const [result] = evaluateGates({ gates: [gate('pass_rate drop <= 5')], subjects: [subject(single(60, 50))], baselines: [baseline(single(60, 50), single(60, 50))] }, options);
    expect(result!.passed).toBe(true);
    expect(result!.line).toMatch(/^pass rate 83\.3% → 83\.3% \(\+0\.0 points over 60 paired cases, 0 lost and 0 gained\); 95% upper bound of the change \+\d+\.\d points: not shown to drop more than 5 points/);
  });

  it('fails without a baseline run, and for a target the baseline run does not have', () => {
    const current = subject(single(10, 10));
    expect(evaluateGates({ gates: [gate('pass_rate drop <= 5')], subjects: [current] }, options)[0]).toMatchObject({ passed: false, line: 'a drop gate needs a baseline run to compare with' });
    expect(evaluateGates({ gates: [gate('ttft_p50 ratio <= 1.2')], subjects: [current], baselines: [] }, options)[0]).toMatchObject({ passed: false, line: 'not in the baseline run: nothing to compare with' });
  });
});

describe('a ratio gate against a baseline run (ttft_p50 ratio <= 1.2)', () => {
  it('fails when the bootstrap interval lies wholly above the threshold, passes when it reaches it', () => {
    // Every case 50% slower: every resample's ratio is 1.5.
    const pairs = baseline(single(30, 30), single(30, 30), { base: (index) => ({ timing: { ttftMs: 100 + index } }), current: (index) => ({ timing: { ttftMs: 1.5 * (100 + index) } }) });
    const results = evaluateGates({ gates: [gate('ttft_p50 ratio <= 1.2'), gate('ttft_p50 ratio <= 1.5')], subjects: [], baselines: [pairs] }, options);
    expect(results.map((result) => result.passed)).toEqual([false, true]);
    expect(results[0]!.line).toBe('ttft p50 ratio 1.5 [1.5–1.5] (90% case-paired bootstrap over 30 cases) lies wholly above 1.2 (each side α 0.05)');
  });

  it('needs 6 paired cases with the figure on both sides: one case is no interval, as a p50 of one sample is none', () => {
    const slower = { base: () => ({ timing: { ttftMs: 100 } }), current: () => ({ timing: { ttftMs: 114 } }) };
    const [one] = evaluateGates({ gates: [gate('ttft_p50 ratio <= 1.1')], subjects: [], baselines: [baseline(single(1, 1), single(1, 1), slower)] }, options);
    expect(one).toMatchObject({ passed: false, line: 'ttft p50 ratio 1.14, but no interval: needs n ≥ 6 paired cases with the figure on both sides, has 1' });
    const [five] = evaluateGates({ gates: [gate('ttft_p50 ratio <= 1.1')], subjects: [], baselines: [baseline(single(5, 5), single(5, 5), slower)] }, options);
    expect(five!.line).toMatch(/has 5$/);
    const [six] = evaluateGates({ gates: [gate('ttft_p50 ratio <= 1.1')], subjects: [], baselines: [baseline(single(6, 6), single(6, 6), slower)] }, options);
    expect(six!.line).toBe('ttft p50 ratio 1.14 [1.14–1.14] (90% case-paired bootstrap over 6 cases) lies wholly above 1.1 (each side α 0.05)');
  });
});

describe('a cost ratio gate with a known 0 on one side (a free model)', () => {
  const costs = (base: number, current: number) => baseline(single(40, 40), single(40, 40), { base: () => ({ costUsd: base }), current: () => ({ costUsd: current }) });

  it('passes a cost cut to 0: a ratio of 0, not "no interval"', () => {
    const [result] = evaluateGates({ gates: [gate('cost_per_1k_requests ratio <= 1.1')], subjects: [], baselines: [costs(0.001, 0)] }, options);
    expect(result).toMatchObject({ passed: true, line: 'cost per 1k requests ratio 0 [0–0] (90% case-paired bootstrap over 40 cases) is not shown above 1.1 (each side α 0.05)' });
  });

  it('fails a cost that rose from 0, saying the baseline cost nothing', () => {
    const [result] = evaluateGates({ gates: [gate('cost_per_1k_requests ratio <= 1.1')], subjects: [], baselines: [costs(0, 0.001)] }, options);
    expect(result).toMatchObject({ passed: false, line: "cost per 1k requests ratio infinite: the baseline's figure is 0 (the baseline cost nothing) and this run's is 0.001" });
  });

  it('takes 0 in both runs as a ratio of 1: no change', () => {
    const results = evaluateGates({ gates: [gate('cost_per_1k_requests ratio <= 1.1'), gate('cost_per_1k_requests ratio < 1')], subjects: [], baselines: [costs(0, 0)] }, options);
    expect(results.map((result) => [result.passed, result.line])).toEqual([
      [true, 'cost per 1k requests ratio 1: the figure is 0 in both runs (no change), meets <= 1.1'],
      [false, 'cost per 1k requests ratio 1: the figure is 0 in both runs (no change), fails < 1'],
    ]);
  });
});
