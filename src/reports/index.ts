export { renderComparisonTable } from './render-comparison-table.ts';
export { renderSummaryTable, type SummaryTableOptions } from './render-summary-table.ts';
export type { Reporter, ReporterName, ReportInput, RunInfo } from './reporter.ts';
export { isReporterName, reporterNames, reporters } from './reporters.ts';
export { writeReports } from './write-reports.ts';
export { writeFileAtomic } from './write-file-atomic.ts';
