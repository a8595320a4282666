import { summarizeReconciliation } from '../../stats/index.ts';
import { escapeHtml } from '../escape-html.ts';
import type { ReportInput } from '../report-input.ts';
import {
  cacheLines,
  cacheNote,
  gatewayCostLines,
  pipelineLines,
  reconciliationCells,
  reconciliationHeadings,
  reconciliationNote,
  stepCells,
  stepHeadings,
  stepNoun,
} from '../step-figures-text.ts';

/** A label from outside (a target, a step's name): escaped, in code type. */
const label = (text: string) => `<code>${escapeHtml(text)}</code>`;

/** A table whose first two columns are labels and the rest figures; the cells are HTML already. */
function table(headings: readonly string[], rows: readonly string[][]): string {
  const head = headings.map((heading) => `<th>${escapeHtml(heading)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((cell, index) => `<td${index < 2 ? '' : ' class="num"'}>${cell}</td>`).join('')}</tr>`).join('');
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const list = (lines: readonly string[]) => `<ul>${lines.map((line) => `<li>${line}</li>`).join('')}</ul>`;

/**
 * report.html's sections for the per-step view, the whole cases, the prompt cache's cold and warm
 * TTFT, the gateway's cost against the price table's, and reconciliation.json, each only when the
 * run has it. Every label is escaped (a step's name is the dataset's text).
 */
export function stepsHtml(input: Pick<ReportInput, 'summaries' | 'steps' | 'pipelines' | 'reconciliation'>): string {
  const parts: string[] = [];
  const steps = input.steps ?? [];
  if (steps.length > 0) {
    const noun = stepNoun(steps);
    const headings = stepHeadings.map((heading) => (heading === 'Step' ? noun : heading));
    parts.push(
      `<h2 id="steps">${noun}s</h2>`,
      `<p class="note">Each ${noun.toLowerCase()} of the multi-call cases, the case as the unit of its pass rate. The summary is the whole case: its TTFT is the first token of the last ${noun.toLowerCase()}, its e2e the critical path, its cost every attempt's.</p>`,
      table(headings, steps.map((step) => stepCells(step, label))),
    );
  }
  const pipelines = pipelineLines(input.pipelines ?? [], label);
  if (pipelines.length > 0) parts.push(list(pipelines));
  const cache = cacheLines(input.summaries, label);
  if (cache.length > 0) parts.push('<h2 id="prompt-cache">Prompt cache: cold and warm TTFT</h2>', list(cache), `<p class="note">${escapeHtml(cacheNote)}</p>`);
  const gateway = gatewayCostLines(input.summaries, label);
  if (gateway.length > 0) parts.push('<h2 id="gateway-cost">AI Gateway cost against the price table</h2>', list(gateway));
  if (input.reconciliation) {
    const rows = summarizeReconciliation(input.reconciliation);
    parts.push(
      '<h2 id="reconciliation">Reconciliation with the AI Gateway</h2>',
      rows.length === 0 ? '<p>No generation could be reconciled.</p>' : table(reconciliationHeadings, rows.map((row) => reconciliationCells(row, label))),
      `<p class="note">${escapeHtml(reconciliationNote)}</p>`,
    );
  }
  return parts.join('\n');
}
