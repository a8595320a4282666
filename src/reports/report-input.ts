import type { AttemptRecord } from '../records/attempt-record.ts';
import type { CaseIdentity } from '../records/case-key.ts';
import type { BaselineComparison, TargetSummary } from '../stats/index.ts';

export type { CaseIdentity };

/** What a report needs to know about the run besides its records. */
export type RunInfo = {
  runId: string;
  /** Targets answered by the local simulator: their figures are not real measurements. */
  simulatedTargets: string[];
  /** True when the run stopped before every planned request was made. */
  incomplete?: boolean;
  startedAt?: string;
  finishedAt?: string;
  /** The datasets' cases in their own order, for reports listing cases. */
  cases?: CaseIdentity[];
  /** @deprecated Cases of a single dataset; use `cases`. Kept until every caller passes `cases`. */
  caseIds?: string[];
};

export type ReportInput = {
  records: AttemptRecord[];
  summaries: TargetSummary[];
  /** Every (target, prompt) after the first against the first, on the same cases. */
  comparisons: BaselineComparison[];
  run: RunInfo;
};
