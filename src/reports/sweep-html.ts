import { loadCurveCharts } from './charts/load-curve-chart.ts';
import { escapeHtml } from './escape-html.ts';
import { chartsHtml } from './html/charts-html.ts';
import { htmlDocument } from './html/html-document.ts';
import { chartText } from './charts/chart-text.ts';
import { shownCell, shownSweepColumns } from './sweep-columns.ts';
import type { SweepCurve } from './sweep-curve.ts';
import { maxRateLine, sweepHeadline, sweepNotes } from './sweep-text.ts';

/** sweep.html: the curve's table, its charts, and a link to each step's own report. Every label is escaped. */
export function sweepHtml(curve: SweepCurve): string {
  const columns = shownSweepColumns(curve);
  const cell = (text: string) => escapeHtml(chartText(text));
  const head = `<tr>${columns.map((column) => `<th>${escapeHtml(column.heading!)}</th>`).join('')}</tr>`;
  const body = curve.rows.map((row) => `<tr>${columns.map((column) => `<td>${cell(shownCell(column, row))}</td>`).join('')}</tr>`).join('\n');
  const best = maxRateLine(curve);
  const steps = curve.steps
    .map((step) => `<li>step ${step.step}: <a href="${escapeHtml(encodeURI(`${step.folder}/report.html`))}">${escapeHtml(step.folder)}/report.html</a>${step.meetsSlo === undefined ? '' : step.meetsSlo ? ' (met the SLO)' : ' (missed the SLO)'}</li>`)
    .join('\n');
  const html = [
    '<h1>Load sweep</h1>',
    `<p>${escapeHtml(sweepHeadline(curve))}</p>`,
    best ? `<p><b>${escapeHtml(best)}</b></p>` : '',
    `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`,
    `<ul>${sweepNotes(curve).map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`,
    chartsHtml(loadCurveCharts(curve)),
    `<h2>Steps</h2>\n<ul>\n${steps}\n</ul>`,
  ];
  return htmlDocument(`Load sweep ${curve.spec}`, html.filter(Boolean).join('\n'));
}
