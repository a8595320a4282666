import type { TargetSummary } from '../stats/index.ts';
import type { ReportFormat } from './report-format.ts';
import type { RunInfo } from './report-input.ts';
import { summaryColumns } from './summary-columns.ts';

/** summary.json's content: the run's facts and one object per (target, prompt). */
export type SummaryDocument = { run: Omit<RunInfo, 'cases' | 'caseIds'>; summaries: Array<Record<string, unknown>> };

/**
 * The run and its summaries with the same names and values as summary.csv; an unknown figure
 * is `null`, so every key is present. A percentile the sample is too small to bound (`n<368` in
 * the CSV) is `null` too, a number field never holding text, with the n it needs beside it in
 * `<name>_needs_n` (null when it has its figure).
 */
export function summaryDocument({ summaries, run }: { summaries: readonly TargetSummary[]; run: RunInfo }): SummaryDocument {
  const rows = summaries.map((summary) =>
    Object.fromEntries(
      summaryColumns.flatMap((column) => {
        const row = { summary, run };
        if (!column.needed) return [[column.name, column.value(row) ?? null]];
        const needed = column.needed(row);
        return [
          [column.name, needed === undefined ? (column.value(row) ?? null) : null],
          [`${column.name}_needs_n`, needed ?? null],
        ];
      }),
    ),
  );
  // The case list is for reports that list cases; the summary has no use for it.
  const { cases: _cases, caseIds: _caseIds, ...runFacts } = run;
  return { run: runFacts, summaries: rows };
}

export const summaryJson: ReportFormat = {
  fileName: 'summary.json',
  render: (input) => `${JSON.stringify(summaryDocument(input), null, 2)}\n`,
};
