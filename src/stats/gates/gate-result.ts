import type { CaseOutcome } from '../case-outcomes.ts';
import type { CasePair } from '../case-comparison.ts';
import type { TargetSummary } from '../target-summary.ts';
import type { Gate, GateOperator } from './parse-gate.ts';

/** How every gate decides: its one-sided error rate, the exact test's variant, and where power is stated. */
export type GateOptions = {
  /** One-sided: a healthy figure at exactly the threshold fails at most this share of runs. */
  alpha: number;
  /** Mid-p instead of exact binomial tests (one repeat): closer to α on average, not bounded by it. */
  midP: boolean;
  /** Power is stated against a figure this far past the threshold (0.05: 5 points). */
  powerMargin: number;
};

/** One (target, prompt) of the run, as the gates see it. */
export type GateSubject = { target: string; prompt: string; outcomes: readonly CaseOutcome[]; summary: TargetSummary };

/** One (target, prompt) of the run paired with its counterpart in a baseline run, case by case. */
export type GateBaseline = { target: string; prompt: string; pairs: readonly CasePair[] };

/** What one gate said about one (target, prompt). */
export type GateResult = {
  /** The gate, as written canonically: `pass_rate >= 0.9`. */
  gate: string;
  target: string;
  prompt: string;
  passed: boolean;
  /** One line for a human: the figure, its bound, and the test. */
  line: string;
  /** The exact chance of failing a healthy figure at exactly the threshold (binomial tests). */
  achievedAlpha?: number;
  /** The chance of failing a figure powerMargin past the threshold. */
  power?: number;
  /** Cases that would give 80% power. */
  neededN?: number;
  /** Set when the power is below 80%: the gate would often miss a figure that bad. */
  warning?: string;
};

/** Whether a figure whose interval is [low, high] is shown to be on the wrong side of `threshold`. */
export function shownPast(interval: { low: number; high: number }, operator: GateOperator, threshold: number): boolean {
  switch (operator) {
    case '>=':
      return interval.high < threshold;
    case '>':
      return interval.high <= threshold;
    case '<=':
      return interval.low > threshold;
    case '<':
      return interval.low >= threshold;
  }
}

export const wanting = (operator: GateOperator): 'higher' | 'lower' => (operator === '>=' || operator === '>' ? 'higher' : 'lower');

/** A rate's name in a line: `pass rate`, `pass rate answered`, `pass@k`, `pass^k`. */
export const spokenName = (name: string) => ({ pass_at_k: 'pass@k', pass_all_k: 'pass^k' })[name] ?? name.replaceAll('_', ' ');

export const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export const points = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)} points`;

/** Three significant digits at most, no exponent for ordinary figures: `412`, `1.23`, `0.00042`. */
export const figure = (value: number) => (Math.abs(value) >= 1000 ? value.toFixed(0) : String(Number(value.toPrecision(3))));

/** The part of a result every gate fills the same way. */
export function resultOf(gate: Gate, subject: { target: string; prompt: string }, passed: boolean, line: string, extra: Partial<GateResult> = {}): GateResult {
  return { gate: gate.text, target: subject.target, prompt: subject.prompt, passed, line, ...extra };
}

/** The power part of a result, with a warning under 80%. */
export function powerOf(power: number | undefined, neededN: number | undefined, against: string, unit: string): Partial<GateResult> {
  if (power === undefined) return {};
  if (power >= 0.8) return { power, ...(neededN !== undefined ? { neededN } : {}) };
  const reach = neededN === undefined ? `no n up to 100000 ${unit} gives 80%` : `${neededN} ${unit} would give 80%`;
  return { power, ...(neededN !== undefined ? { neededN } : {}), warning: `power ${percent(power)} against ${against}: ${reach}` };
}
