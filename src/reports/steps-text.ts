import type { PipelineSummary, StepSummary, TargetSummary } from '../stats/index.ts';
import { wrapToWidth } from './display-width.ts';
import { fitColumns } from './fit-columns.ts';
import { cacheLines, cacheNote, compactStepCells, compactStepHeadings, gatewayCostLines, pipelineLines, stepNoun } from './step-figures-text.ts';
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
    const rows = steps.map(compactStepCells);
    const labels = steps.map((step) => {
      const pair = step.prompt === 'default' ? label(step.target) : `${label(step.target)} (${label(step.prompt)})`;
      return `${pair} · ${label(step.step)}${step.stepTarget === undefined ? '' : ` → ${label(step.stepTarget)}`}`;
    });
    // Pass rate first, then the latencies and the cost; cases, tokens and failures where there is room.
    const ranks = [6, 1, 2, 3, 7, 4, 5];
    const table = fitColumns(
      { heading: `target · ${noun.toLowerCase()}`, labels },
      compactStepHeadings.map((heading, index) => ({ heading, cells: rows.map((cells) => cells[index]!), rank: ranks[index]!, ...(index === 1 ? { essential: true, always: true } : index < 4 ? { essential: true } : {}) })),
      width,
    );
    const hidden = table.hidden.length > 0 ? `\n(Not shown at this width: ${table.hidden.map((heading) => heading.replace('\n', ' ')).join(', ')}; steps.csv has every figure.)` : '';
    sections.push(`${noun}s (per ${noun.toLowerCase()}, the case as the unit):\n${table.text}${hidden}`);
  }
  const pipelines = pipelineLines(input.pipelines ?? [], label);
  if (pipelines.length > 0) sections.push(['Whole cases:', ...pipelines.map(wrap)].join('\n'));
  const cache = cacheLines(input.summaries, label);
  if (cache.length > 0) sections.push(['Prompt cache:', ...cache.map(wrap), wrap(cacheNote)].join('\n'));
  const gateway = gatewayCostLines(input.summaries, label);
  if (gateway.length > 0) sections.push(['AI Gateway cost against the price table:', ...gateway.map(wrap)].join('\n'));
  return sections.join('\n\n');
}
