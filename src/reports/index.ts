export { renderComparisonTable } from './render-comparison-table.ts';
export { renderSummaryTable, type SummaryTableOptions } from './render-summary-table.ts';
export type { CaseIdentity, NamedReporter, Reporter, ReporterSetting, ReportFile, ReportInput, RunInfo } from './reporter.ts';
export type { RunEvent, RunEventType } from './run-event.ts';
export { builtinReporters, isReporterName, reporterNames, reporters, type BuiltinReporterName, type ReporterEntry, type ReporterName } from './reporters.ts';
export { isModulePath, loadReporters } from './load-reporters.ts';
export { notifyReporters } from './notify-reporters.ts';
export { writeReports } from './write-reports.ts';
export { writeFileAtomic } from './write-file-atomic.ts';
