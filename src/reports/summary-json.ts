import type { TargetSummary } from '../stats/index.ts';
import { reconciliationDocument, type ReconciliationDocument } from './reconciliation-columns.ts';
import type { ReportFormat } from './report-format.ts';
import type { ReportInput, RunInfo } from './report-input.ts';
import { jsonRow, pipelineColumns, stepColumns } from './step-columns.ts';
import { summaryColumns } from './summary-columns.ts';

/**
 * summary.json's content: the run's facts and one object per (target, prompt); for a run with
 * multi-call cases, one per (target, prompt, step) in `steps` and one per (target, prompt) in
 * `pipelines`; with reconciliation.json, its figures per target in `reconciliation`.
 */
export type SummaryDocument = {
  run: Omit<RunInfo, 'cases' | 'caseIds'>;
  summaries: Array<Record<string, unknown>>;
  steps?: Array<Record<string, unknown>>;
  pipelines?: Array<Record<string, unknown>>;
  reconciliation?: ReconciliationDocument;
};

/**
 * The run and its summaries with the same names and values as summary.csv; an unknown figure
 * is `null`, so every key is present. A percentile the sample is too small to bound (`n<368` in
 * the CSV) is `null` too, a number field never holding text, with the n it needs beside it in
 * `<name>_needs_n` (null when it has its figure).
 */
export function summaryDocument({ summaries, run, steps = [], pipelines = [], reconciliation }: { summaries: readonly TargetSummary[]; run: RunInfo } & Pick<ReportInput, 'steps' | 'pipelines' | 'reconciliation'>): SummaryDocument {
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
  return {
    run: runFacts,
    summaries: rows,
    ...(steps.length > 0 ? { steps: steps.map((step) => jsonRow(stepColumns, step)) } : {}),
    ...(pipelines.length > 0 ? { pipelines: pipelines.map((pipeline) => jsonRow(pipelineColumns, pipeline)) } : {}),
    ...(reconciliation ? { reconciliation: reconciliationDocument(reconciliation) } : {}),
  };
}

export const summaryJson: ReportFormat = {
  fileName: 'summary.json',
  render: (input) => `${JSON.stringify(summaryDocument(input), null, 2)}\n`,
};
