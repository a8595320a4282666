import { caseLabel } from '../records/case-key.ts';
import type { PairComparison, RateChange, RatioChange } from '../stats/case-comparison.ts';
import type { RunComparison } from '../stats/run-comparison.ts';
import { plainFixed } from './csv-cell.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import { formatP, formatPoints, formatRateChange, formatRatioChange } from './format-comparison.ts';
import { bold, clip, code, detectable, flipSection, gateSection, listed, pairLabel, pairName, type GateLine } from './markdown-sections.ts';

export type { GateLine };

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
    escapeMarkdown(clip(pairName(row))),
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

function notes(comparison: RunComparison): string[] {
  const cases = (identities: RunComparison['onlyInBase']) => listed(identities, shownCases, (identity) => code(caseLabel(identity)));
  const pair = (pairs: Array<{ target: string; prompt: string }>) => pairs.map((entry) => code(pairLabel(entry.target, entry.prompt))).join(', ');
  const items = [
    ...(comparison.warnings ?? []).map((warning) => `**Warning:** ${escapeMarkdown(warning.message)} (a difference may not be the change you made)`),
    ...(comparison.changedCases.length > 0 ? [`${comparison.changedCases.length} cases changed content between the runs and were compared anyway (--allow-changed): ${cases(comparison.changedCases)}`] : []),
    ...(comparison.uncheckedCases ? ['A run predates case hashes: whether a case changed between the runs could not be checked.'] : []),
    ...(comparison.onlyInBase.length > 0 ? [`${comparison.onlyInBase.length} cases only in the base, not compared: ${cases(comparison.onlyInBase)}`] : []),
    ...(comparison.onlyInCurrent.length > 0 ? [`${comparison.onlyInCurrent.length} cases only in the current run, not compared: ${cases(comparison.onlyInCurrent)}`] : []),
    ...comparison.unsentCases.map((entry) => `${pair([entry])}: ${entry.cases.length} cases planned in both runs have no record in one of them (never sent there: a run stopped early, or lines lost), not compared: ${cases(entry.cases)}`),
    ...(comparison.unpairedTargets.base.length > 0 ? [`Only in the base: ${pair(comparison.unpairedTargets.base)}`] : []),
    ...(comparison.unpairedTargets.current.length > 0 ? [`Only in the current run: ${pair(comparison.unpairedTargets.current)}`] : []),
    ...[comparison.base, comparison.current].flatMap((side, index) => [
      ...(side.incomplete ? [`The ${index === 0 ? 'base' : 'current'} run is incomplete: its figures cover part of its plan.`] : []),
      ...(side.simulatedTargets.length > 0 ? [`Simulated in the ${index === 0 ? 'base' : 'current'} run (not real measurements): ${side.simulatedTargets.map(code).join(', ')}`] : []),
    ]),
  ];
  return items.length === 0 ? [] : ['', '### Notes', '', ...items.map((item) => `- ${item}`)];
}

const percent = (value: number | undefined) => (value === undefined ? '?' : `${plainFixed(value * 100, 1)}%`);
const rates = (change: RateChange) => `${percent(change.base)} → ${percent(change.current)}`;
const rateWithVerdict = (change: RateChange) => (change.difference === undefined ? '' : `${formatPoints(change.difference)} (${change.verdict === 'no detectable change' ? 'no change' : change.verdict})`);
const ratioWithVerdict = (change: RatioChange) => {
  const text = formatRatioChange(change);
  return text === '' ? '' : `${text}${change.verdict === 'better' || change.verdict === 'worse' ? ` ${bold(change.verdict)}` : ''}`;
};
