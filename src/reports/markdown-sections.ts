import { caseLabel } from '../records/case-key.ts';
import type { CaseFlip, PairComparison } from '../stats/case-comparison.ts';
import { plainFixed } from './csv-cell.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import { terminalSafe } from './terminal-safe.ts';

/** The sections comparison.md and report.md share: gates, flipped cases, what a comparison could detect. */

/** A gate's outcome as Markdown shows it: the gate, its target, one line, and its power warning if any. */
export type GateLine = { gate: string; target: string; prompt: string; passed: boolean; line: string; warning?: string | undefined };

/** Longest label shown, before escaping: a case id or target of any length keeps a report's size bounded. */
const longestLabel = 200;

/** A label of ours cut to a bound, the cut marked: `…`. */
export const clip = (text: string, length = longestLabel) => (text.length > length ? `${text.slice(0, length)}…` : text);

/**
 * A label in code style: one line, backticks cannot close it early, and control, bidirectional
 * and invisible characters are shown as escapes (a code span shows them raw, to a terminal too).
 * Not for a table cell, where a `|` would end the cell: there, escapeMarkdown.
 */
export const code = (text: string) => `\`${terminalSafe(clip(text), { oneLine: true }).replaceAll('`', "'")}\``;

/** `worse` and `better` in bold: the verdicts a reader looks for. */
export const bold = (verdict: string) => (verdict === 'worse' || verdict === 'better' ? `**${verdict}**` : verdict);

/** `target`, or `target (prompt)` when the run compared prompts. */
export const pairLabel = (target: string, prompt: string) => (prompt === 'default' ? target : `${target} (${prompt})`);

/** A comparison's (target, prompt), and its base's when that is another one. */
export const pairName = (row: PairComparison) => {
  const current = pairLabel(row.target, row.prompt);
  const base = pairLabel(row.baseTarget, row.basePrompt);
  return current === base ? current : `${current} vs ${base}`;
};

/** `a`, `b`, `c`, and 7 more: at most `shown` of `items`. */
export function listed<T>(items: readonly T[], shown: number, show: (item: T) => string): string {
  return `${items.slice(0, shown).map(show).join(', ')}${items.length > shown ? `, and ${items.length - shown} more` : ''}`;
}

/** For each comparison, the smallest change in pass rate it could detect, or that it could detect none. */
export function detectable(comparisons: readonly PairComparison[], alpha: number): string[] {
  return comparisons.flatMap((row) => {
    const name = escapeMarkdown(clip(pairName(row)));
    if (row.passRate.minimumDetectable !== undefined) {
      return [`- ${name}: with ${row.passRate.cases} cases, the smallest change in pass rate this comparison could detect is ${plainFixed(row.passRate.minimumDetectable * 100, 1)} points (80% power, two-sided α = ${alpha}).`];
    }
    // Cases, but not enough for any change to reach 80% power: say so rather than nothing.
    return row.passRate.cases > 0 ? [`- ${name}: ${row.passRate.cases} cases are too few to detect any change in pass rate (80% power, two-sided α = ${alpha}).`] : [];
  });
}

export type GateStyle = {
  /** How a passed and a failed gate lead their line. */
  passed: string;
  failed: string;
  /** What leads a power warning, under its gate. */
  warning: string;
  /** The heading, from the counts. */
  heading(failed: number, passed: number): string;
  /** Lines shown at most; the rest are counted. */
  shown: number;
};

const plainGates: GateStyle = { passed: 'passed', failed: '**FAILED**', warning: '', heading: () => '### Gates', shown: Number.POSITIVE_INFINITY };

/** The gates, failures first, each with its gate, its target and its line, and its power warning under it. */
export function gateSection(gates: readonly GateLine[], style: GateStyle = plainGates): string[] {
  if (gates.length === 0) return [];
  const failed = gates.filter((gate) => !gate.passed);
  const ordered = [...failed, ...gates.filter((gate) => gate.passed)];
  const shown = ordered.slice(0, style.shown);
  const rest = ordered.slice(style.shown);
  const more = rest.length === 0 ? [] : [`- and ${rest.length} more (${rest.filter((gate) => !gate.passed).length} failed): the run's output lists them all`];
  return [
    '',
    style.heading(failed.length, gates.length - failed.length),
    '',
    ...shown.flatMap((gate) => [
      `- ${gate.passed ? style.passed : style.failed} ${code(gate.gate)}, ${code(pairLabel(gate.target, gate.prompt))}: ${escapeMarkdown(clip(gate.line, 1000))}`,
      ...(gate.warning ? [`  - ${style.warning}${escapeMarkdown(clip(gate.warning, 1000))}`] : []),
    ]),
    ...more,
  ];
}

export type FlipStyle = {
  /** How the two lists are introduced: cases that passed on the base and fail now, and the other way. */
  worse: string;
  better: string;
  /** Cases named per list at most. */
  shown: number;
  /** Comparisons listed at most (each with its flips). */
  comparisons: number;
};

const baseFlips: FlipStyle = { worse: 'passed in the base, fail now', better: 'failed in the base, pass now', shown: 30, comparisons: Number.POSITIVE_INFINITY };

/** The cases that flipped, per comparison: at most `shown` named per list, the rest counted. */
export function flipSection(comparisons: readonly PairComparison[], style: FlipStyle = baseFlips): string[] {
  const flipped = comparisons.filter((row) => row.flips.worse.length > 0 || row.flips.better.length > 0);
  const list = (flips: readonly CaseFlip[]) => listed(flips, style.shown, (flip) => code(caseLabel(flip)));
  const sections = flipped.slice(0, style.comparisons).flatMap((row) => [
    `**${escapeMarkdown(clip(pairName(row)))}**`,
    ...(row.flips.worse.length > 0 ? [`- ${style.worse} (${row.flips.worse.length}): ${list(row.flips.worse)}`] : []),
    ...(row.flips.better.length > 0 ? [`- ${style.better} (${row.flips.better.length}): ${list(row.flips.better)}`] : []),
    '',
  ]);
  const more = flipped.length > style.comparisons ? [`And ${flipped.length - style.comparisons} more with flipped cases, counted in the table above.`] : [];
  return sections.length === 0 ? [] : ['', '### Flipped cases', '', 'With repeats, a case passes when at least half of its repeats passed.', '', ...sections, ...more];
}
