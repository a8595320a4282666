import type { AttemptRecord } from '../records/attempt-record.ts';
import { caseKey, caseLabel, type CaseIdentity } from '../records/case-key.ts';
import type { BaselineComparison, TargetSummary } from '../stats/index.ts';
import { boundedJson } from './bounded-json.ts';
import { escapeHtml } from './escape-html.ts';
import { comparisonCells, comparisonHeadings } from './format-comparison.ts';
import { formatMilliseconds } from './format-figures.ts';
import type { ReportFormat } from './report-format.ts';
import type { ReportInput } from './report-input.ts';
import { summaryHtml } from './summary-html.ts';

/** Longest answer shown in a cell; the whole one is in results.csv and results.jsonl. */
const shownOutputCharacters = 4000;

/**
 * `report.html`: the run on one page, for a person to read. Quality, speed and cost of each
 * (target, prompt) side by side, with the 95% intervals drawn so that overlapping ones read as no
 * difference, and a matrix of every case's verdicts with the answers behind them.
 *
 * Model output is hostile: every value is escaped, and the page allows no script at all (its
 * Content-Security-Policy), so an answer that slipped through could still not run.
 */
export const reportHtml: ReportFormat = {
  fileName: 'report.html',
  render: (input) => page(input),
};

function page({ records, summaries, comparisons, run }: ReportInput): string {
  const simulated = new Set(run.simulatedTargets);
  const notes = [
    run.incomplete ? '<p class="warn">INCOMPLETE: the run was stopped before every planned request was made (see <code>not sent</code>).</p>' : '',
    simulated.size > 0 ? '<p class="warn">Targets marked <em>simulated</em> were served by the built-in simulator: illustrative figures, not real providers.</p>' : '',
  ].join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>llm-bench ${escapeHtml(run.runId)}</title>
<style>${style}</style>
</head>
<body>
<h1>llm-bench run <code>${escapeHtml(run.runId)}</code></h1>
<p>${escapeHtml(run.startedAt ?? '')}${run.finishedAt ? ` – ${escapeHtml(run.finishedAt)}` : ''}</p>
${notes}
<h2>Summary</h2>
${summaryHtml(summaries, simulated)}
${comparisonSection(comparisons)}
<h2>Cases</h2>
${caseMatrix(records, summaries, run.cases ?? run.caseIds?.map((caseId) => ({ caseId })))}
</body>
</html>
`;
}

/** Each (target, prompt) against the first, on the same cases: the paired difference and ratios. */
function comparisonSection(comparisons: readonly BaselineComparison[]): string {
  const [first] = comparisons;
  if (!first) return '';
  const rows = comparisons.map((comparison) => {
    const label = `${escapeHtml(comparison.target)}${comparison.prompt === 'default' ? '' : ` <small>${escapeHtml(comparison.prompt)}</small>`}`;
    const cells = comparisonCells(comparison);
    const { passRate } = comparison;
    if (passRate.interval && passRate.difference !== undefined) cells[1] += differenceBar(passRate.interval.low, passRate.difference, passRate.interval.high);
    return `<tr><td>${label}</td>${cells.map((cell) => `<td class="num">${cell}</td>`).join('')}</tr>`;
  });
  const headings = ['target', ...comparisonHeadings];
  return `<h2>Against the baseline ${escapeHtml(first.baseTarget)}</h2>
<p class="note">Case by case, on the cases both were sent; an unanswered request counts as a failure. One repeat: the exact McNemar test and the interval that inverts it (it excludes 0 exactly when p &lt; α); several: a paired t on each case's share of passing repeats. p is Holm-adjusted across the targets. Ratios above 1 are slower or dearer than the baseline, with a case-resampling bootstrap interval.</p>
<table><thead><tr>${headings.map((heading) => `<th>${heading}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A difference and its interval on a −100…+100 scale, with 0 marked. */
function differenceBar(low: number, point: number, high: number): string {
  const at = (value: number) => ((value + 1) * 50).toFixed(1);
  return `<div class="ci"><span class="zero"></span><span class="range" style="left:${at(low)}%;width:${((high - low) * 50).toFixed(1)}%"></span><span class="point" style="left:${at(point)}%"></span></div>`;
}

/**
 * Rows are cases, columns (target, prompt): each cell holds the final outcome of every repeat. A
 * case is its (dataset, id): `q1` of two datasets is two rows, labelled `smoke/q1` and `other/q1`
 * (a run of one dataset shows its ids alone).
 */
function caseMatrix(records: readonly AttemptRecord[], summaries: readonly TargetSummary[], datasetOrder: readonly CaseIdentity[] = []): string {
  const pairs = summaries.map((summary) => ({ target: summary.target, prompt: summary.prompt }));
  const showPrompt = pairs.some((pair) => pair.prompt !== 'default');
  const answered = new Map(records.map((record) => [caseKey(record), { dataset: record.dataset, caseId: record.caseId }]));
  // The datasets' order, then any case they do not list (records of an older version of them).
  const cases = new Map<string, CaseIdentity>();
  for (const identity of datasetOrder) if (answered.has(caseKey(identity))) cases.set(caseKey(identity), identity);
  for (const [key, identity] of answered) if (!cases.has(key)) cases.set(key, identity);
  const finals = new Map<string, AttemptRecord[]>();
  for (const record of records) {
    if (!record.final) continue;
    const key = JSON.stringify([caseKey(record), record.target, record.prompt]);
    finals.set(key, [...(finals.get(key) ?? []), record]);
  }
  // One dataset: its name on every row would be noise.
  const severalDatasets = new Set([...cases.values()].map((identity) => identity.dataset ?? '')).size > 1;
  const heading = pairs.map((pair) => `<th>${escapeHtml(pair.target)}${showPrompt ? `<br><small>${escapeHtml(pair.prompt)}</small>` : ''}</th>`).join('');
  const rows = [...cases].map(([key, identity]) => {
    const cells = pairs.map((pair) => {
      const outcomes = (finals.get(JSON.stringify([key, pair.target, pair.prompt])) ?? []).sort((a, b) => a.repeat - b.repeat);
      return `<td>${outcomes.map(outcomeCell).join('')}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(severalDatasets ? caseLabel(identity) : identity.caseId)}</th>${cells.join('')}</tr>`;
  });
  return `<table class="cases"><thead><tr><th>case</th>${heading}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function outcomeCell(record: AttemptRecord): string {
  const [mark, kind] = verdict(record);
  const output = record.output.length > shownOutputCharacters ? `${record.output.slice(0, shownOutputCharacters)}…` : record.output;
  const details = [
    record.score?.reason ? `<p>${escapeHtml(record.score.reason)}</p>` : '',
    record.status === 'error' ? `<p>${escapeHtml(record.error.message)}</p>` : '',
    record.toolCalls?.length ? `<pre>${escapeHtml(boundedJson(record.toolCalls, 2))}</pre>` : '',
    output ? `<pre>${escapeHtml(output)}</pre>` : '',
  ].join('');
  const timing = record.timing.ttftMs !== undefined ? ` · TTFT ${milliseconds(record.timing.ttftMs)} ms` : '';
  return `<details class="${kind}"><summary>${escapeHtml(mark)}</summary><small>repeat ${record.repeat}, attempt ${record.attempt}${timing}</small>${details}</details>`;
}

function verdict(record: AttemptRecord): [string, string] {
  if (record.status === 'error') return [record.error.type, 'error'];
  if (!record.score) return ['answered', 'plain'];
  if (record.score.unscored) return ['unscored', 'plain'];
  return record.score.passed ? ['pass', 'pass'] : ['fail', 'fail'];
}

const milliseconds = (value: number | undefined) => formatMilliseconds(value, '–');

const style = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left; }
td.num { text-align: right; white-space: nowrap; }
.warn { background: #fff4ce; padding: 6px 10px; }
.note { color: #555; max-width: 60em; }
.ci { position: relative; height: 6px; width: 120px; background: #eee; margin-top: 3px; margin-left: auto; }
.ci .range { position: absolute; top: 0; height: 6px; background: #7aa7d8; }
.ci .point { position: absolute; top: -2px; width: 2px; height: 10px; background: #123; }
.ci .zero { position: absolute; left: 50%; top: -3px; width: 1px; height: 12px; background: #b3261e; }
.cases details { display: inline-block; margin: 0 4px 0 0; }
.cases summary { cursor: pointer; }
details.pass summary { color: #176a2b; }
details.fail summary { color: #b3261e; font-weight: bold; }
details.error summary { color: #8a5a00; }
details[open] { display: block; max-width: 40em; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 6px; }
`;
