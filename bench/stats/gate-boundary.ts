import { evaluateGates } from '../../src/stats/gates/evaluate-gates.ts';
import type { GateSubject } from '../../src/stats/gates/gate-result.ts';
import { parseGate, type Gate } from '../../src/stats/gates/parse-gate.ts';
import { oneSampleProportionTest } from '../../src/stats/one-sample-proportion-test.ts';
import { caseShareInterval } from '../../src/stats/case-share-interval.ts';
import { pairedMeanTest } from '../../src/stats/paired-mean-test.ts';
import { passShare, type CaseOutcome } from '../../src/stats/case-outcomes.ts';
import type { CasePair } from '../../src/stats/case-comparison.ts';
import { summarize } from '../../src/stats/summarize.ts';
import type { TargetSummary } from '../../src/stats/target-summary.ts';
import { count, estimateColumns, tally, type Agreement, type Target } from './estimate.ts';
import { locationFor } from './population.ts';
import { seededRandom } from './random.ts';
import { alpha, caseCounts, correlations, methodsFor, names, repeatCounts, seedOf, simulations } from './settings.ts';
import { simulatePairs, simulateRun } from './simulate-cases.ts';

export const oneSidedTarget: Target = { high: 5.5 };

/** Power is stated 5 points past the threshold, as the CLI does by default. */
export const powerMargin = 0.05;

export function gate(text: string): Gate {
  const parsed = parseGate(text);
  if ('problem' in parsed) throw new Error(`${text}: ${parsed.problem}`);
  return parsed.gate;
}

/** The run as an absolute gate sees it; the summary is only read when no case counts. */
export function subjectOf(outcomes: readonly CaseOutcome[]): GateSubject {
  let summary = summaries.get(outcomes.length);
  if (!summary) summaries.set(outcomes.length, (summary = summarize([], [{ target: names.target, prompt: names.prompt, slots: outcomes.length }])[0]!));
  return { target: names.target, prompt: names.prompt, outcomes, summary };
}

const summaries = new Map<number, TargetSummary>();

/** Runs `pass_rate >= threshold` and checks that its decision is its test's (p < α ⇔ failed). */
export function absoluteGateFails(threshold: number, outcomes: readonly CaseOutcome[], repeats: number, midP: boolean, agreement: Agreement): boolean {
  const [result] = evaluateGates({ gates: [gate(`pass_rate >= ${threshold}`)], subjects: [subjectOf(outcomes)] }, { alpha, midP, powerMargin });
  const failed = !result!.passed;
  const shares = outcomes.map((outcome) => passShare(outcome)!);
  if (repeats === 1) {
    const test = oneSampleProportionTest(shares.filter((value) => value === 1).length, shares.length, threshold, { alpha, midP });
    agreement.record(`pass_rate >= R gate, ${midP ? 'mid-p' : 'exact'} binomial`, failed === test.pValue < alpha);
  } else {
    // The gate decides on summary.csv's own interval of the figure, at 1 − 2α (one side at α).
    const interval = caseShareInterval(shares, repeats, 1 - 2 * alpha);
    agreement.record("pass_rate >= R gate, the summary's Wilson at the effective n", failed === (interval === undefined || interval.high < threshold));
  }
  return failed;
}

/** Runs `pass_rate drop <= points` against the baseline's pairs; with repeats, checks it against the t-test at the allowed drop. */
export function dropGateFails(points: number, pairs: readonly CasePair[], repeats: number, midP: boolean, agreement: Agreement): boolean {
  const [result] = evaluateGates({ gates: [gate(`pass_rate drop <= ${points}`)], subjects: [], baselines: [{ target: names.target, prompt: names.prompt, pairs }] }, { alpha, midP, powerMargin });
  const failed = !result!.passed;
  if (repeats > 1) {
    const differences = pairs.map((pair) => passShare(pair.current)! - passShare(pair.base)!);
    const test = pairedMeanTest(differences, { alternative: 'less', level: 1 - alpha, nullValue: -points / 100 });
    agreement.record('pass_rate drop <= P gate, paired t', failed === test!.pValue < alpha);
  }
  return failed;
}

/** 2a. `pass_rate >= R` when the population's true mean pass rate is exactly R. */
export function absoluteGateBoundary(scale: number, agreement: Agreement): Array<Record<string, string>> {
  const rows: Array<Record<string, string>> = [];
  let cell = 0;
  for (const threshold of [0.9, 0.8]) {
    const location = locationFor(threshold);
    for (const cases of caseCounts) {
      for (const repeats of repeatCounts) {
        const random = seededRandom(seedOf(3, cell++));
        const methods = methodsFor(repeats, 'one run').map((method) => ({ ...method, alarms: tally() }));
        const runs = simulations(4_000, scale);
        for (let index = 0; index < runs; index++) {
          const outcomes = simulateRun(random, location, { cases, repeats });
          for (const method of methods) count(method.alarms, absoluteGateFails(threshold, outcomes, repeats, method.midP, agreement));
        }
        for (const method of methods) {
          // One repeat: each case passes with the population mean, independently, so the gate's achieved α is the exact rate.
          const exact = repeats === 1 ? oneSampleProportionTest(0, cases, threshold, { alpha, midP: method.midP }).achievedAlpha : null;
          rows.push({ gate: `pass_rate >= ${threshold}`, 'true mean': `${threshold * 100}%`, n: String(cases), repeats: String(repeats), 'ρ': '', test: method.label, ...estimateColumns(method.alarms, oneSidedTarget, 'false alarms', exact) });
        }
      }
    }
  }
  return rows;
}

/** Base and current means of the drop gate's boundary: a true drop of exactly 5 points. */
export const dropBase = 0.85;

/** 2b. `pass_rate drop <= 5` when the true mean drop is exactly 5 points. */
export function dropGateBoundary(scale: number, agreement: Agreement): Array<Record<string, string>> {
  const rows: Array<Record<string, string>> = [];
  const model = { baseLocation: locationFor(dropBase), currentLocation: locationFor(dropBase - 0.05) };
  let cell = 0;
  for (const cases of caseCounts) {
    for (const repeats of repeatCounts) {
      for (const correlation of correlations) {
        const random = seededRandom(seedOf(4, cell++));
        const methods = methodsFor(repeats).map((method) => ({ ...method, alarms: tally() }));
        const runs = simulations(4_000, scale);
        for (let index = 0; index < runs; index++) {
          const pairs = simulatePairs(random, { ...model, correlation }, { cases, repeats });
          for (const method of methods) count(method.alarms, dropGateFails(5, pairs, repeats, method.midP, agreement));
        }
        for (const method of methods) rows.push({ gate: 'pass_rate drop <= 5', 'true mean': `${(dropBase * 100).toFixed(0)}% → ${((dropBase - 0.05) * 100).toFixed(0)}%`, n: String(cases), repeats: String(repeats), 'ρ': String(correlation), test: method.label, ...estimateColumns(method.alarms, oneSidedTarget, 'false alarms') });
      }
    }
  }
  return rows;
}
