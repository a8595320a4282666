import { renderComparisonTable, renderSummaryTable } from '../reports/index.ts';
import type { BaselineComparison, TargetSummary } from '../stats/index.ts';

/** The summary table, the simulated-figures notice and the comparison with the baseline. */
export function printTables(summaries: readonly TargetSummary[], comparisons: readonly BaselineComparison[], simulated: string[]): void {
  console.log(renderSummaryTable(summaries, { simulatedTargets: simulated }));
  if (simulated.length > 0) {
    console.log('Targets marked (simulated) were served by the built-in simulator: illustrative figures, not real providers.');
  }
  const comparison = renderComparisonTable(comparisons);
  if (comparison) console.log(`\n${comparison}`);
}

/** Where the reports are, and how to complete a run that stopped short. */
export function printReportPaths(folder: string, reportPaths: readonly string[], incomplete: boolean): void {
  console.log(`\nReports in ${folder}:`);
  for (const path of reportPaths) console.log(`  ${path}`);
  if (incomplete) console.log(`\nThe run is INCOMPLETE. Complete it with: npx llm-bench run --resume ${folder}`);
}
