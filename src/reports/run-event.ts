import type { AttemptRecord } from '../records/attempt-record.ts';
import type { ReportInput } from './report-input.ts';

/** What happens during a run, in order, as reporters and API callers receive it. */
export type RunEvent =
  | {
      type: 'run-started';
      runId: string;
      /** The run folder. */
      folder: string;
      /** Target labels, in the run's order. */
      targets: string[];
      /** Requests the plan holds (case × target × prompt × repeat), done ones included. */
      plannedRequests: number;
      /** Of those, how many a resumed run already had. */
      alreadyDone: number;
      /** What a resumed run's earlier sessions spent, USD (answers, judges, warm-ups); 0 for a new run. */
      alreadySpentUsd: number;
    }
  /** Every attempt, retries included, once it is committed to results.jsonl (scored when it has assertions). */
  | { type: 'attempt-done'; record: AttemptRecord }
  /** A target's governor stopped sending to it (quota, auth, an error storm). */
  | { type: 'target-stopped'; target: string; reason: string }
  /** The run ended (completed or stopped); `report` is what the report files are rendered from. */
  | { type: 'run-finished'; folder: string; report: ReportInput };

export type RunEventType = RunEvent['type'];
