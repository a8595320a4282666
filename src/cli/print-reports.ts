import type { HarnessCheck } from '../records/harness-check.ts';
import type { AttemptRecord } from '../records/index.ts';
import { harnessSaturatedText } from '../reports/harness-check-text.ts';
import { terminalSafe } from '../reports/terminal-safe.ts';
import { renderComparisonTable, renderSummaryTable } from '../reports/index.ts';
import { wrapToWidth } from '../reports/display-width.ts';
import { renderFailures } from '../reports/render-failures.ts';
import { renderStepsText } from '../reports/steps-text.ts';
import { summarizeSteps, type BaselineComparison, type TargetSummary } from '../stats/index.ts';
import { fitLine, lineWidth } from './fit-line.ts';
import { maximumWidth } from './output-width.ts';

export type TablesOptions = {
  /** The widest line (see outputWidth); Infinity with --wide. */
  width?: number;
  wide?: boolean;
  /** The run's records, for each failing target's first error message. */
  records?: readonly AttemptRecord[];
  stoppedTargets?: readonly { target: string; reason: string }[];
  /** The harness's check on itself: a saturated run gets a loud line after the summary. */
  harness?: HarnessCheck | undefined;
  /** Arrivals at a rate: the table shows TTFT from the scheduled time too. */
  openLoop?: boolean;
};

/** The summary table, each target's errors by type, the simulated-figures and harness notices, and the comparison with the baseline. */
export function printTables(summaries: readonly TargetSummary[], comparisons: readonly BaselineComparison[], simulated: string[], options: TablesOptions = {}): void {
  const width = options.wide ? Infinity : (options.width ?? maximumWidth);
  console.log(renderSummaryTable(summaries, { simulatedTargets: simulated, width, ...(options.wide ? { wide: true } : {}), ...(options.openLoop ? { openLoop: true } : {}) }));
  const failures = renderFailures({ summaries, records: options.records ?? [], stoppedTargets: options.stoppedTargets ?? [], width });
  if (failures) console.log(failures);
  const steps = renderStepsText({ summaries, ...summarizeSteps(options.records ?? [], summaries), width });
  if (steps) console.log(`\n${steps}`);
  if (simulated.length > 0) {
    console.log(wrapToWidth('Targets marked (simulated) were served by the built-in simulator: illustrative figures, not real providers.', width).join('\n'));
  }
  // Its reasons come from run.json (`report` reads it back): inert before the terminal.
  const saturated = harnessSaturatedText(options.harness);
  if (saturated) console.log(fitLine(`\n${terminalSafe(saturated, { oneLine: true })}`, width));
  const comparison = renderComparisonTable(comparisons, { width, ...(options.wide ? { wide: true } : {}) });
  if (comparison) console.log(`\n${comparison}`);
}

/** The gate lines, passes (with their power warnings) then failures, each wrapped to `width` with a hanging indent. */
export function printGateLines(lines: readonly string[], width: number): void {
  if (lines.length > 0) console.log(fitLine(`\n${lines.join('\n')}`, width));
}

/**
 * Where the reports are, and how to complete a run that stopped short, within `width` columns: a
 * path is never cut (it is copied), and one wider than the line stands on a line of its own.
 */
export function printReportPaths(folder: string, reportPaths: readonly string[], incomplete: boolean, width: number = lineWidth(process.stdout)): void {
  console.log(fitLine(`\nReports in ${folder}:`, width, { keepWords: true }));
  for (const path of reportPaths) console.log(`  ${path}`);
  if (incomplete) console.log(fitLine(`\nThe run is INCOMPLETE. Complete it with: npx llm-bench run --resume ${folder}`, width, { keepWords: true }));
}
