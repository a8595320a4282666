import { summarizeReconciliation } from '../stats/index.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import { clip } from './markdown-sections.ts';
import type { ReportInput } from './report-input.ts';
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
} from './step-figures-text.ts';

/** Rows of a table shown at most; steps.csv and summary.json have them all. */
const shownRows = 40;

/** A label from outside (a target, a step's name), escaped for Markdown and cut to a sane length. */
const label = (text: string) => escapeMarkdown(clip(text, 100));

function table(headings: readonly string[], rows: readonly string[][]): string[] {
  return [
    `| ${headings.join(' | ')} |`,
    `|${headings.map((_, index) => (index < 2 ? '---' : '---:')).join('|')}|`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ];
}

/**
 * report.md's sections for issue-15 figures, each only when the run has it: the per-step view of
 * multi-call cases and their whole-case line, the prompt cache's cold and warm TTFT, the gateway's
 * cost against the price table's, and reconciliation.json.
 */
export function stepsMarkdown(input: Pick<ReportInput, 'summaries' | 'steps' | 'pipelines' | 'reconciliation'>): string[] {
  const lines: string[] = [];
  const steps = input.steps ?? [];
  if (steps.length > 0) {
    const noun = stepNoun(steps);
    const headings = stepHeadings.map((heading) => (heading === 'Step' ? noun : heading));
    lines.push('', `### ${noun}s`, '', `Each ${noun.toLowerCase()} of the multi-call cases, the case as the unit of its pass rate. The summary above is the whole case: its TTFT is the first token of the last ${noun.toLowerCase()}, its e2e the critical path, its cost every attempt's.`, '');
    lines.push(...table(headings, steps.slice(0, shownRows).map((step) => stepCells(step, label))));
    if (steps.length > shownRows) lines.push('', `And ${steps.length - shownRows} more: steps.csv has them all.`);
  }
  const pipelines = pipelineLines(input.pipelines ?? [], label);
  if (pipelines.length > 0) lines.push('', ...pipelines.slice(0, shownRows).map((line) => `- ${line}`));
  const cache = cacheLines(input.summaries, label);
  if (cache.length > 0) lines.push('', '### Prompt cache: cold and warm TTFT', '', ...cache.slice(0, shownRows).map((line) => `- ${line}`), '', cacheNote);
  const gateway = gatewayCostLines(input.summaries, label);
  if (gateway.length > 0) lines.push('', '### AI Gateway cost against the price table', '', ...gateway.slice(0, shownRows).map((line) => `- ${line}`));
  if (input.reconciliation) {
    const rows = summarizeReconciliation(input.reconciliation);
    lines.push('', '### Reconciliation with the AI Gateway', '');
    lines.push(...(rows.length === 0 ? ['No generation could be reconciled.'] : table(reconciliationHeadings, rows.slice(0, shownRows).map((row) => reconciliationCells(row, label)))));
    lines.push('', reconciliationNote);
  }
  return lines;
}
