import { createRequire } from 'node:module';
import { caseKey } from '../records/case-key.ts';
import { escapeHtml } from './escape-html.ts';
import { caseRows } from './html/case-rows.ts';
import { casesHtml } from './html/cases-html.ts';
import { type ChartFigure, chartsHtml } from './html/charts-html.ts';
import { comparisonSectionHtml } from './html/comparison-section-html.ts';
import { errorsHtml } from './html/errors-html.ts';
import { gatesHtml } from './html/gates-html.ts';
import { htmlDocument } from './html/html-document.ts';
import { stepsHtml } from './html/steps-html.ts';
import { isStepRecord } from '../records/pipeline-figures.ts';
import { runDescriptionHtml, runHeaderHtml } from './html/run-header-html.ts';
import type { ReportFormat } from './report-format.ts';
import type { ReportInput } from './report-input.ts';
import { summaryHtml } from './summary-html.ts';

/**
 * `report.html`: the run on one page, for a person to read and send on. What was run and whether
 * anything was simulated, the gates, every figure with its 95% interval, the errors by type, the
 * charts, the comparison with a baseline target, and every case: prompt, expected answer and each
 * target's answers side by side, disagreements first.
 *
 * Model output is hostile: every value is escaped, and the page allows no script at all (its
 * Content-Security-Policy), so an answer that slipped through could still not run.
 */
export const reportHtml: ReportFormat = {
  fileName: 'report.html',
  render: (input) => {
    // The cases, the errors and the charts are of cases: a multi-call case's own record, not its steps' (the Steps section has those).
    const cases = input.records.some(isStepRecord) ? { ...input, records: input.records.filter((record) => !isStepRecord(record)) } : input;
    return reportPage(cases, loadCharts().reportCharts(cases));
  },
};

type ChartsModule = typeof import('./charts/report-charts.ts');
let charts: ChartsModule | undefined;

/**
 * The chart renderer (Observable Plot on linkedom) takes a good part of a second to import: loaded
 * when a page is first rendered, not by every command that lists the reporters (`--help`,
 * `compare`). Rendering is synchronous, hence require (Node loads ES modules with it).
 */
function loadCharts(): ChartsModule {
  charts ??= createRequire(import.meta.url)('./charts/report-charts.ts') as ChartsModule;
  return charts;
}

/** The page's size at most (the issue's bound is 5 MB for a 10,000-attempt run): the cases' texts are cut to fit. */
const pageBytes = 4_800_000;

/** The page with the given charts (the renderer's, or a test's). */
export function reportPage(input: ReportInput, figures: readonly ChartFigure[]): string {
  const { records, summaries, comparisons, run, gates = [] } = input;
  const simulated = new Set([...run.simulatedTargets, ...(run.description?.targets.filter((target) => target.simulated).map((target) => target.label) ?? [])]);
  const { columns, rows, notSent } = caseRows(input);
  const anchors = new Map(rows.map((row) => [row.key, `case-${row.index}`]));
  const [baseline] = comparisons;
  const comparison = baseline
    ? `<h2 id="comparison">Against the baseline ${escapeHtml(pairLabel(baseline.baseTarget, baseline.basePrompt))}</h2>
<p class="note">Case by case, on the cases both were sent; an unanswered request counts as a failure. One repeat: the exact McNemar test and the interval that inverts it (it excludes 0 exactly when p &lt; α); several: a paired t on each case's share of passing repeats. p is Holm-adjusted across the targets. Ratios above 1 are slower or dearer than the baseline, with a case-resampling bootstrap interval.</p>
${comparisonSectionHtml(comparisons, {
  name: (row) => pairLabel(row.target, row.prompt),
  worse: (row) => `passes on ${pairLabel(row.baseTarget, row.basePrompt)}, fails on ${pairLabel(row.target, row.prompt)}`,
  better: (row) => `fails on ${pairLabel(row.baseTarget, row.basePrompt)}, passes on ${pairLabel(row.target, row.prompt)}`,
  caseAnchor: (identity) => anchors.get(caseKey(identity)),
})}`
    : '';
  const extra = stepsHtml(input);
  const sections = [
    ['summary', 'Summary'],
    ...((input.steps?.length ?? 0) > 0 ? [['steps', 'Steps']] : []),
    ...(figures.length > 0 ? [['charts', 'Charts']] : []),
    ...(baseline ? [['comparison', 'Comparison']] : []),
    ['cases', 'Cases'],
  ];
  const body = [
    runHeaderHtml(input),
    gatesHtml(gates),
    `<nav class="meta">${sections.map(([id, title]) => `<a href="#${id}">${title}</a>`).join(' · ')}</nav>`,
    runDescriptionHtml(run.description),
    // Wide with many targets' figures: it scrolls in its box, not the page.
    `<h2 id="summary">Summary</h2>\n<div class="scroll">${summaryHtml(summaries, simulated)}</div>`,
    extra,
    errorsHtml(records, summaries),
    chartsHtml(figures),
    comparison,
  ];
  const title = `llm-bench ${run.runId}`;
  const rest = htmlDocument(title, body.join('\n'));
  const cases = casesHtml(columns, rows, { notSent, maxBytes: pageBytes - Buffer.byteLength(rest) });
  return htmlDocument(title, [...body, `<h2 id="cases">Cases</h2>\n${cases}`].filter((part) => part !== '').join('\n'));
}

const pairLabel = (target: string, prompt: string) => (prompt === 'default' ? target : `${target} (${prompt})`);
