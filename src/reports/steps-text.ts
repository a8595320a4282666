import type { PipelineSummary, StepSummary, TargetSummary } from '../stats/index.ts';
import { wrapToWidth } from './display-width.ts';
import { fitColumns } from './fit-columns.ts';
import { cacheLines, cacheNote, gatewayCostLines, pipelineLines, stepCells, stepHeadings, stepNoun } from './step-figures-text.ts';
import { terminalSafe } from './terminal-safe.ts';

export type StepsTextInput = {
  summaries: readonly TargetSummary[];
  steps?: readonly StepSummary[] | undefined;
  pipelines?: readonly PipelineSummary[] | undefined;
  /** The widest line, in terminal columns (Infinity: no wrapping). */
  width: number;
};

/** A label from outside (a target, a step's name) made inert before the terminal, on one line. */
const label = (text: string) => terminalSafe(text, { oneLine: true });

/**
 * Under the summary table: the per-step view of a run with multi-call cases (a table, then a line
 * per pipeline), the prompt cache's cold and warm TTFT where a target had both, and the gateway's
 * cost against the price table's. Empty when the run has none of them.
 */
export function renderStepsText(input: StepsTextInput): string {
  const { width } = input;
  const wrap = (line: string) => wrapToWidth(line, width, { indent: '  ' }).join('\n');
  const sections: string[] = [];
  const steps = input.steps ?? [];
  if (steps.length > 0) {
    const noun = stepNoun(steps);
    const rows = steps.map((step) => stepCells(step, label));
    const table = fitColumns(
      { heading: `target · ${noun.toLowerCase()}`, labels: rows.map((cells) => `${cells[0]} · ${cells[1]}`) },
      stepHeadings.slice(2).map((heading, index) => ({ heading: heading.replace(' [95% CI]', '\n[95% CI]'), cells: rows.map((cells) => cells[index + 2]!), ...(index === 1 ? { essential: true, always: true } : {}) })),
      width,
    );
    sections.push(`${noun}s (per ${noun.toLowerCase()}, the case as the unit):\n${table.text}`);
  }
  const pipelines = pipelineLines(input.pipelines ?? [], input.summaries, label);
  if (pipelines.length > 0) sections.push(['Whole cases:', ...pipelines.map(wrap)].join('\n'));
  const cache = cacheLines(input.summaries, label);
  if (cache.length > 0) sections.push(['Prompt cache:', ...cache.map(wrap), wrap(cacheNote)].join('\n'));
  const gateway = gatewayCostLines(input.summaries, label);
  if (gateway.length > 0) sections.push(['AI Gateway cost against the price table:', ...gateway.map(wrap)].join('\n'));
  return sections.join('\n\n');
}
