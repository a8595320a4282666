import type { BaselineComparison, TargetSummary } from '../stats/index.ts';
import type { GateResult } from '../stats/gates/gate-result.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import { comparisonCells, comparisonHeadings } from './format-comparison.ts';
import { formatMilliseconds, formatPassRate, formatPercentile, formatRate, formatSuccessRate } from './format-figures.ts';
import { formatUsd } from './format-usd.ts';
import { harnessAdvice, harnessFiguresText, harnessSaturatedLabel, harnessSaturatedReasons } from './harness-check-text.ts';
import { bold, clip, code, detectable, flipSection, gateSection, listed, pairLabel } from './markdown-sections.ts';
import type { ReportFormat } from './report-format.ts';
import type { ReportInput, RunInfo } from './report-input.ts';
import { stepsMarkdown } from './steps-markdown.ts';

/**
 * Under GitHub's limits with room to spare: a comment takes 65,536 characters, a step summary
 * 1 MiB. Lists are cut well before this; past it, the text is cut at a line (see boundMarkdown).
 */
export const reportMdLimit = 60_000;

/** Rows of a table, items of a list, shown at most; the rest are counted ("and 12 more"). */
const shownRows = 40;
const shownGates = 40;
const shownNames = 10;
const shownFlips = 20;
const shownFlipTargets = 10;

/** compareToBaseline's α: a run's comparisons with its baseline target are tested at 0.05. */
const withinRunAlpha = 0.05;

/**
 * `report.md`: the run for a PR comment or the GitHub step summary. What was run, the summary
 * (the headline figures, each with its interval), the gates, and the comparison with the
 * baseline target with its flipped cases. Every label from outside is escaped, and the whole
 * stays under reportMdLimit characters whatever the run's size.
 */
export const reportMd: ReportFormat = {
  fileName: 'report.md',
  render: (input) => boundMarkdown(renderReport(input), reportMdLimit),
};

function renderReport(input: ReportInput): string {
  const { summaries, comparisons, run, gates = [] } = input;
  const lines = [
    title(run, summaries, gates),
    '',
    ...whatWasRun(run, summaries),
    '',
    ...notes(run, summaries),
    '',
    ...harnessLine(run),
    ...summaryTable(summaries, run),
    ...stepsMarkdown(input),
    '',
    ...gateSection(gates, {
      passed: '✅',
      failed: '❌',
      warning: '⚠️ ',
      heading: (failed, passed) => `### Gates: ${failed > 0 ? `${failed} failed, ` : ''}${passed} passed`,
      shown: shownGates,
    }),
    ...comparisonSection(comparisons),
    '',
    '---',
    'report.html, summary.csv and results.jsonl in the run folder hold every figure and every case.',
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** `## llm-bench run `id` · SIMULATED · INCOMPLETE · ❌ 1 gate failed`. */
function title(run: RunInfo, summaries: readonly TargetSummary[], gates: readonly GateResult[]): string {
  const targets = run.description?.targets.map((target) => target.label) ?? summaries.map((summary) => summary.target);
  const allSimulated = run.simulatedTargets.length > 0 && targets.every((label) => run.simulatedTargets.includes(label));
  const failed = gates.filter((gate) => !gate.passed).length;
  const marks = [
    ...(run.simulatedTargets.length > 0 ? [allSimulated ? 'SIMULATED' : 'partly simulated'] : []),
    ...(notSentOf(summaries) > 0 ? ['INCOMPLETE'] : []),
    ...(gates.length === 0 ? [] : failed > 0 ? [`❌ ${failed === 1 ? '1 gate' : `${failed} gates`} failed`] : ['✅ gates passed']),
  ];
  return `## llm-bench run ${code(run.runId)}${marks.map((mark) => ` · ${mark}`).join('')}`;
}

/** The eval's description; one line for the cases, targets and settings; one for the targets' endpoints; one for the prompt variants. */
function whatWasRun(run: RunInfo, summaries: readonly TargetSummary[]): string[] {
  const description = run.description;
  const cases = description ? description.datasets.reduce((sum, dataset) => sum + dataset.cases, 0) : (run.cases?.length ?? run.caseIds?.length);
  const named = description?.datasets ?? [];
  // Each dataset's count only when there are several: one dataset's is the total.
  const datasets = named.length === 0 ? '' : ` of ${listed(named, shownNames, (dataset) => `${code(dataset.name || dataset.path)}${named.length > 1 ? ` (${dataset.cases})` : ''}`)}`;
  const targetCount = description?.targets.length ?? new Set(summaries.map((summary) => summary.target)).size;
  const prompts = new Set(summaries.map((summary) => summary.prompt)).size;
  const settings = Object.entries(description?.settings ?? {}).map(([flag, value]) => (value === true ? `--${flag}` : `--${flag} ${value}`));
  const when = timeSpan(run.startedAt, run.finishedAt, run.resumedAt ?? []);
  const first = [
    `${cases === undefined ? 'Cases' : `${cases} ${cases === 1 ? 'case' : 'cases'}`}${datasets} × ${targetCount} ${targetCount === 1 ? 'target' : 'targets'}${prompts > 1 ? ` × ${prompts} prompts` : ''}`,
    ...(settings.length > 0 ? [code(settings.join(' '))] : []),
    ...(when ? [when] : []),
  ].join(' · ');
  const targets = description?.targets ?? [];
  // Marked one by one only when some were real: the title says SIMULATED when all were.
  const mark = targets.some((target) => !target.simulated);
  const second = targets.length === 0 ? [] : [`Targets: ${listed(targets, shownNames, (target) => `${code(target.label)} at ${code(target.endpoint)}${mark && target.simulated ? ' (simulated)' : ''}`)}`];
  const variants = description?.prompts ?? [];
  const third = variants.length === 0 ? [] : [`Prompt variants: ${listed(variants, shownNames, code)}`];
  const about = description?.description === undefined ? [] : [escapeMarkdown(clip(description.description, 500))];
  return [...about.flatMap((line) => [line, '']), `${first}.`, ...[...second, ...third].flatMap((line) => ['', line])];
}

/**
 * `2026-12-07 11:13:18 UTC, 12 s`; empty when the start is not known. A resumed run names its
 * sessions' starts and the last one's length: its start-to-end time counts however long it lay stopped.
 */
function timeSpan(startedAt: string | undefined, finishedAt: string | undefined, resumedAt: readonly string[]): string {
  const start = startedAt === undefined ? Number.NaN : Date.parse(startedAt);
  if (Number.isNaN(start)) return '';
  const utc = (time: number) => `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const resumes = resumedAt.map(Date.parse).filter((time) => !Number.isNaN(time));
  const shown = [utc(start), ...resumes.map((time) => `resumed ${utc(time)}`)].join(', ');
  const lastStart = resumes.at(-1) ?? start;
  const end = finishedAt === undefined ? Number.NaN : Date.parse(finishedAt);
  if (Number.isNaN(end) || end < lastStart) return shown;
  const seconds = Math.round((end - lastStart) / 1000);
  return `${shown}, ${resumes.length > 0 ? 'the last session ' : ''}${seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`}`;
}

/** Planned requests never sent, over every (target, prompt). */
const notSentOf = (summaries: readonly TargetSummary[]) => summaries.reduce((sum, summary) => sum + summary.notSent, 0);

/** What a reader must know before trusting the figures: a saturated harness, a stop, the budget, simulated targets. */
function notes(run: RunInfo, summaries: readonly TargetSummary[]): string[] {
  const stopped = run.stoppedTargets ?? [];
  const simulated = new Set(run.simulatedTargets);
  const saturated = harnessSaturatedReasons(run.harness);
  const items = [
    ...(saturated === undefined ? [] : [`⚠️ **${harnessSaturatedLabel}**: ${escapeMarkdown(clip(saturated, 2000))}. ${harnessAdvice}`]),
    ...incompleteNote(run, summaries),
    ...stopped.slice(0, shownNames).map(({ target, reason }) => `**Stopped** ${code(target)}: ${escapeMarkdown(clip(reason, 500))}`),
    ...(stopped.length > shownNames ? [`And ${stopped.length - shownNames} more stopped targets.`] : []),
    ...(run.budgetReached ? ['**Budget**: scheduling stopped before `--max-cost` could be passed.'] : []),
    ...(summaries.some((summary) => simulated.has(summary.target))
      ? [`${summaries.every((summary) => simulated.has(summary.target)) ? 'Every target was' : 'Targets marked (simulated) were'} served by the built-in simulator: illustrative figures, not real providers.`]
      : []),
  ];
  return items.map((item) => `> ${item}`).flatMap((item, index) => (index === 0 ? [item] : ['>', item]));
}

/** The harness's figures, saturated or not, so that a reader sees they were checked; nothing for a run made before the check. */
function harnessLine(run: RunInfo): string[] {
  if (!run.harness) return [];
  return [`Harness check${run.harness.saturated ? '' : ' (not saturated)'}: ${harnessFiguresText(run.harness)}.`, ''];
}

/** Whether planned requests went unsent, as the records show: a run stopped by a circuit breaker whose resumed session made the rest is whole. */
function incompleteNote(run: RunInfo, summaries: readonly TargetSummary[]): string[] {
  const notSent = notSentOf(summaries);
  const planned = summaries.reduce((sum, summary) => sum + summary.requests + summary.notSent, 0);
  if (notSent > 0) return [`**Incomplete**: ${notSent} of ${planned} planned requests ${notSent === 1 ? 'was' : 'were'} never sent; the figures cover the rest.`];
  return run.incomplete ? ['**Stopped early**, but every planned request was made (some by a resumed session): the figures cover the whole plan.'] : [];
}

type Column = { heading: string; right: boolean; cell(summary: TargetSummary): string };

const milliseconds = (value: number) => formatMilliseconds(value);

/** `timeout 8 · stream_error 3`, most frequent first; `none` when every request was answered. */
function errorsByType(summary: TargetSummary): string {
  if (summary.requests === 0) return '';
  const counts = Object.entries(summary.errorCounts).filter(([, count]) => (count ?? 0) > 0).sort(([, a], [, b]) => (b ?? 0) - (a ?? 0));
  return counts.length === 0 ? 'none' : counts.map(([type, count]) => `${escapeMarkdown(type)} ${count}`).join(' · ');
}

const figureColumns: Column[] = [
  { heading: 'requests', right: true, cell: (summary) => (summary.notSent > 0 ? `${summary.requests} of ${summary.requests + summary.notSent}` : String(summary.requests)) },
  { heading: 'pass % [95% CI]', right: true, cell: formatPassRate },
  { heading: 'success % [CI]', right: true, cell: formatSuccessRate },
  { heading: 'errors', right: false, cell: errorsByType },
  { heading: 'TTFT p50 ms [CI]', right: true, cell: ({ percentiles }) => formatPercentile(percentiles.ttftP50Ms, milliseconds, { interval: milliseconds }) },
  { heading: 'e2e p50 ms [CI]', right: true, cell: ({ percentiles }) => formatPercentile(percentiles.e2eP50Ms, milliseconds, { interval: milliseconds }) },
  { heading: '$/request', right: true, cell: (summary) => formatUsd(summary.costPer1kRequestsUsd === undefined ? undefined : summary.costPer1kRequestsUsd / 1000) },
];

/** Open loop: TTFT from the scheduled time (what a user behind the load felt); with --slo: goodput. Only when the run has them. */
function loadColumns(summaries: readonly TargetSummary[]): Column[] {
  const scheduled = summaries.some((summary) => summary.percentiles.ttftFromScheduledP50Ms !== undefined);
  const goodput = summaries.some((summary) => summary.goodput !== undefined);
  return [
    ...(scheduled ? [{ heading: 'TTFT p50 from scheduled ms [CI]', right: true, cell: ({ percentiles }: TargetSummary) => formatPercentile(percentiles.ttftFromScheduledP50Ms, milliseconds, { interval: milliseconds }) }] : []),
    ...(goodput ? [{ heading: 'goodput % [CI]', right: true, cell: (summary: TargetSummary) => formatRate(summary.goodput, summary.goodputCiLow, summary.goodputCiHigh) }] : []),
  ];
}

/** The objectives goodput was judged by, once under the table. */
function sloLine(summaries: readonly TargetSummary[]): string[] {
  const slo = summaries.find((summary) => summary.slo !== undefined)?.slo;
  return slo === undefined ? [] : ['', `Goodput: the share of requests that met every objective (${escapeMarkdown(slo)}), cases as the unit.`];
}

/** The headline figures of each (target, prompt), with their intervals; the rest are in summary.csv. */
function summaryTable(summaries: readonly TargetSummary[], run: RunInfo): string[] {
  if (summaries.length === 0) return ['Nothing was sent: there are no figures.'];
  const simulated = new Set(run.simulatedTargets);
  // Marked per row only when some targets were real: "SIMULATED" in the title says it for all.
  const mark = simulated.size > 0 && summaries.some((summary) => !simulated.has(summary.target));
  const label: Column = { heading: 'target', right: false, cell: (summary) => `${escapeMarkdown(clip(pairLabel(summary.target, summary.prompt), 100))}${mark && simulated.has(summary.target) ? ' (simulated)' : ''}` };
  const rows = summaries.slice(0, shownRows);
  const more = summaries.length > shownRows ? ['', `And ${summaries.length - shownRows} more (target, prompt) rows: summary.csv has them all.`] : [];
  return ['### Summary', '', ...table([label, ...figureColumns, ...loadColumns(summaries)], rows), ...more, ...sloLine(summaries)];
}

function table(columns: readonly Column[], rows: readonly TargetSummary[]): string[] {
  return [
    `| ${columns.map((column) => column.heading).join(' | ')} |`,
    `|${columns.map((column) => (column.right ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${columns.map((column) => column.cell(row)).join(' | ')} |`),
  ];
}

/** Every (target, prompt) against the baseline target, case by case: the verdicts, then the flipped cases. */
function comparisonSection(comparisons: readonly BaselineComparison[]): string[] {
  const [first] = comparisons;
  if (!first) return [];
  const shown = comparisons.slice(0, shownRows);
  const headings = ['target', ...comparisonHeadings];
  const rows = shown.map((row) => {
    const cells = comparisonCells(row);
    cells[3] = bold(cells[3] ?? '');
    return `| ${[escapeMarkdown(clip(pairLabel(row.target, row.prompt), 100)), ...cells].join(' | ')} |`;
  });
  return [
    '',
    `### Against the baseline ${code(pairLabel(first.baseTarget, first.basePrompt))}`,
    '',
    `Case by case, on the cases both were sent; an unanswered request counts as a failure. p is Holm-adjusted across targets (α = ${withinRunAlpha}); ratios above 1 are slower or dearer than the baseline, with a case-resampling bootstrap interval.`,
    '',
    `| ${headings.join(' | ')} |`,
    `|${headings.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`,
    ...rows,
    ...(comparisons.length > shownRows ? ['', `And ${comparisons.length - shownRows} more: comparison.csv has them all.`] : []),
    '',
    ...detectable(shown, withinRunAlpha),
    ...flipSection(shown, { worse: 'passed on the baseline, fail here', better: 'failed on the baseline, pass here', shown: shownFlips, comparisons: shownFlipTargets }),
  ];
}

/**
 * The text as it is when it fits in `limit` characters; else cut at the last line that fits, with
 * a note saying so. The lists are bounded already: this holds for labels no bound foresaw.
 */
export function boundMarkdown(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const note = `\n\n**report.md was cut here** to stay under ${limit} characters (a PR comment takes 65,536): report.html and summary.csv hold everything.\n`;
  const cut = text.lastIndexOf('\n', limit - note.length);
  return `${text.slice(0, Math.max(0, cut))}${note}`;
}
