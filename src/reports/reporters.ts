import type { Reporter, ReporterName } from './reporter.ts';
import { comparisonCsv } from './comparison-csv.ts';
import { reportHtml } from './report-html.ts';
import { resultsCsv } from './results-csv.ts';
import { summaryCsv } from './summary-csv.ts';
import { summaryJson } from './summary-json.ts';

export const reporters = {
  'results-csv': resultsCsv,
  'summary-csv': summaryCsv,
  'summary-json': summaryJson,
  'comparison-csv': comparisonCsv,
  'report-html': reportHtml,
} satisfies Record<ReporterName, Reporter>;

export const reporterNames = Object.keys(reporters) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}
