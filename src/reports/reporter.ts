import type { AttemptRecord } from '../records/attempt-record.ts';
import type { BaselineComparison, TargetSummary } from '../stats/index.ts';

export type ReporterName = 'results-csv' | 'summary-csv' | 'summary-json' | 'comparison-csv' | 'report-html';

/** What a report needs to know about the run besides its records. */
export type RunInfo = {
  runId: string;
  /** Targets answered by the local simulator: their figures are not real measurements. */
  simulatedTargets: string[];
  /** True when the run stopped before every planned request was made. */
  incomplete?: boolean;
  startedAt?: string;
  finishedAt?: string;
  /** The dataset's case ids in its own order, for reports listing cases. */
  caseIds?: string[];
};

export type ReportInput = {
  records: AttemptRecord[];
  summaries: TargetSummary[];
  /** Every (target, prompt) after the first against the first, on the same cases. */
  comparisons: BaselineComparison[];
  run: RunInfo;
};

export type Reporter = {
  /** Written inside the run's folder. */
  fileName: string;
  render(input: ReportInput): string;
};
