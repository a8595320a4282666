import { caseLabel } from '../records/case-key.ts';
import type { PairComparison, RateChange, RatioChange } from '../stats/case-comparison.ts';
import type { RunComparison } from '../stats/run-comparison.ts';
import { plainFixed } from './csv-cell.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import { terminalSafe } from './terminal-safe.ts';
import { formatP, formatPoints, formatRateChange, formatRatioChange } from './format-comparison.ts';

/** A gate's outcome as the comparison shows it: the gate, its target, one line, and its power warning if any. */
export type GateLine = { gate: string; target: string; prompt: string; passed: boolean; line: string; warning?: string | undefined };

const shownFlips = 30;
const shownCases = 20;

/**
 * comparison.md: the comparison for a PR comment or the CI step summary. Every figure with its
 * interval and n, the verdicts, the gates, the flipped cases, and what the comparison could not
 * see (changed cases, cases or targets on one side only, simulated targets, incomplete runs).
 */
export function comparisonMarkdown(comparison: RunComparison, gates: readonly GateLine[] = []): string {
  const { base, current } = comparison;
  const method = comparison.method === 'mid-p' ? 'mid-p McNemar' : 'exact McNemar';
  const lines = [
    `## llm-bench compare: ${code(base.runId)} → ${code(current.runId)}`,
    '',
    `Case by case; an unanswered request counts as a failure. α = ${comparison.alpha} (two-sided, Holm-adjusted across targets); one repeat: ${method} with the interval that inverts it, several: paired t on each case's share of passing repeats. Ratios have a case-resampling bootstrap interval (${Math.round((1 - comparison.alpha) * 100)}%).`,
    '',
    ...verdictTable(comparison.comparisons),
    '',
    ...detectable(comparison.comparisons, comparison.alpha),
    ...gateSection(gates),
    ...flipSection(comparison.comparisons),
    ...notes(comparison),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function verdictTable(comparisons: readonly PairComparison[]): string[] {
  if (comparisons.length === 0) return ['No (target, prompt) of the current run has a counterpart in the base: nothing was compared.'];
  const head = ['target', 'cases', 'pass rate', 'change, pts [CI]', 'p', 'verdict', 'answered only', 'failure rate', 'TTFT p50', 'e2e p50', 'tok/s p50', '$/request', '$/passed'];
  const rows = comparisons.map((row) => [
    escapeMarkdown(pairName(row)),
    String(row.passRate.cases),
    rates(row.passRate),
    formatRateChange(row.passRate),
    formatP(row.passRate.adjustedPValue),
    bold(row.passRate.verdict),
    rateWithVerdict(row.passRateAnswered),
    rateWithVerdict(row.failureRate),
    ...[row.ttftP50, row.e2eP50, row.outputTpsP50, row.costPerRequest, row.costPerPassed].map(ratioWithVerdict),
  ]);
  return [`| ${head.join(' | ')} |`, `|${head.map((_, index) => (index < 1 ? '---' : '---:')).join('|')}|`, ...rows.map((cells) => `| ${cells.join(' | ')} |`)];
}

function detectable(comparisons: readonly PairComparison[], alpha: number): string[] {
  return comparisons.flatMap((row) => {
    const name = escapeMarkdown(pairName(row));
    if (row.passRate.minimumDetectable !== undefined) {
      return [`- ${name}: with ${row.passRate.cases} cases, the smallest change in pass rate this comparison could detect is ${plainFixed(row.passRate.minimumDetectable * 100, 1)} points (80% power, two-sided α = ${alpha}).`];
    }
    // Cases, but not enough for any change to reach 80% power: say so rather than nothing.
    return row.passRate.cases > 0 ? [`- ${name}: ${row.passRate.cases} cases are too few to detect any change in pass rate (80% power, two-sided α = ${alpha}).`] : [];
  });
}

function gateSection(gates: readonly GateLine[]): string[] {
  if (gates.length === 0) return [];
  const ordered = [...gates.filter((gate) => !gate.passed), ...gates.filter((gate) => gate.passed)];
  return [
    '',
    '### Gates',
    '',
    ...ordered.flatMap((gate) => [
      `- ${gate.passed ? 'passed' : '**FAILED**'} ${code(gate.gate)}, ${code(gate.prompt === 'default' ? gate.target : `${gate.target} (${gate.prompt})`)}: ${escapeMarkdown(gate.line)}`,
      ...(gate.warning ? [`  - ${escapeMarkdown(gate.warning)}`] : []),
    ]),
  ];
}

function flipSection(comparisons: readonly PairComparison[]): string[] {
  const sections = comparisons.flatMap((row) => {
    if (row.flips.worse.length === 0 && row.flips.better.length === 0) return [];
    const list = (flips: PairComparison['flips']['worse']) =>
      `${flips.slice(0, shownFlips).map((flip) => code(caseLabel(flip))).join(', ')}${flips.length > shownFlips ? `, and ${flips.length - shownFlips} more` : ''}`;
    return [
      `**${escapeMarkdown(pairName(row))}**`,
      ...(row.flips.worse.length > 0 ? [`- passed in the base, fail now (${row.flips.worse.length}): ${list(row.flips.worse)}`] : []),
      ...(row.flips.better.length > 0 ? [`- failed in the base, pass now (${row.flips.better.length}): ${list(row.flips.better)}`] : []),
      '',
    ];
  });
  return sections.length === 0 ? [] : ['', '### Flipped cases', '', 'With repeats, a case passes when at least half of its repeats passed.', '', ...sections];
}

function notes(comparison: RunComparison): string[] {
  const listed = (cases: RunComparison['onlyInBase']) => `${cases.slice(0, shownCases).map((identity) => code(caseLabel(identity))).join(', ')}${cases.length > shownCases ? `, and ${cases.length - shownCases} more` : ''}`;
  const pair = (pairs: Array<{ target: string; prompt: string }>) => pairs.map((entry) => code(entry.prompt === 'default' ? entry.target : `${entry.target} (${entry.prompt})`)).join(', ');
  const items = [
    ...(comparison.changedCases.length > 0 ? [`${comparison.changedCases.length} cases changed content between the runs and were compared anyway (--allow-changed): ${listed(comparison.changedCases)}`] : []),
    ...(comparison.uncheckedCases ? ['A run predates case hashes: whether a case changed between the runs could not be checked.'] : []),
    ...(comparison.onlyInBase.length > 0 ? [`${comparison.onlyInBase.length} cases only in the base, not compared: ${listed(comparison.onlyInBase)}`] : []),
    ...(comparison.onlyInCurrent.length > 0 ? [`${comparison.onlyInCurrent.length} cases only in the current run, not compared: ${listed(comparison.onlyInCurrent)}`] : []),
    ...comparison.unsentCases.map((entry) => `${pair([entry])}: ${entry.cases.length} cases planned in both runs have no record in one of them (never sent there: a run stopped early, or lines lost), not compared: ${listed(entry.cases)}`),
    ...(comparison.unpairedTargets.base.length > 0 ? [`Only in the base: ${pair(comparison.unpairedTargets.base)}`] : []),
    ...(comparison.unpairedTargets.current.length > 0 ? [`Only in the current run: ${pair(comparison.unpairedTargets.current)}`] : []),
    ...[comparison.base, comparison.current].flatMap((side, index) => [
      ...(side.incomplete ? [`The ${index === 0 ? 'base' : 'current'} run is incomplete: its figures cover part of its plan.`] : []),
      ...(side.simulatedTargets.length > 0 ? [`Simulated in the ${index === 0 ? 'base' : 'current'} run (not real measurements): ${side.simulatedTargets.map(code).join(', ')}`] : []),
    ]),
  ];
  return items.length === 0 ? [] : ['', '### Notes', '', ...items.map((item) => `- ${item}`)];
}

const pairName = (row: PairComparison) => {
  const name = (target: string, prompt: string) => (prompt === 'default' ? target : `${target} (${prompt})`);
  const current = name(row.target, row.prompt);
  const base = name(row.baseTarget, row.basePrompt);
  return current === base ? current : `${current} vs ${base}`;
};

/**
 * A label in code style: one line, backticks cannot close it early, and control, bidirectional
 * and invisible characters are shown as escapes (a code span shows them raw, to a terminal too).
 */
const code = (text: string) => `\`${terminalSafe(text, { oneLine: true }).replaceAll('`', "'")}\``;
const bold = (verdict: string) => (verdict === 'worse' || verdict === 'better' ? `**${verdict}**` : verdict);
const percent = (value: number | undefined) => (value === undefined ? '?' : `${plainFixed(value * 100, 1)}%`);
const rates = (change: RateChange) => `${percent(change.base)} → ${percent(change.current)}`;
const rateWithVerdict = (change: RateChange) => (change.difference === undefined ? '' : `${formatPoints(change.difference)} (${change.verdict === 'no detectable change' ? 'no change' : change.verdict})`);
const ratioWithVerdict = (change: RatioChange) => {
  const text = formatRatioChange(change);
  return text === '' ? '' : `${text}${change.verdict === 'better' || change.verdict === 'worse' ? ` ${bold(change.verdict)}` : ''}`;
};
