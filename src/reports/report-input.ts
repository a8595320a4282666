import type { AttemptRecord } from '../records/attempt-record.ts';
import type { HarnessCheck } from '../records/harness-check.ts';
import type { CaseIdentity } from '../records/case-key.ts';
import type { BaselineComparison, PipelineSummary, StepSummary, TargetSummary } from '../stats/index.ts';
import type { Reconciliation } from '../records/reconciliation.ts';
import type { GateResult } from '../stats/gates/gate-result.ts';

export type { CaseIdentity };

/** A case as a report shows it: its identity, what was asked and what was expected. */
export type ReportCase = CaseIdentity & {
  /** The conversation as text: the last user message, after the system prompt and earlier turns when there are any. */
  prompt?: string;
  expected?: string;
  tags?: string[];
};

/** A target as run.json describes it (no keys): what a report's header says was run. */
export type ReportTarget = {
  label: string;
  kind: string;
  model: string;
  route?: string;
  /** The base URL the requests went to. */
  endpoint: string;
  simulated: boolean;
};

/** What was run, for a report's header. */
export type RunDescription = {
  datasets: Array<{ name: string; path: string; cases: number }>;
  targets: ReportTarget[];
  /** The settings that shape the figures (repeats, concurrency, rate, temperature, max tokens, …), by their flag names; unset ones absent. */
  settings: Record<string, string | number | boolean>;
  /** The prompt variants compared, by label (absent: the cases' own prompts alone). */
  prompts?: string[];
  /** The eval's own description (its file's `description`), when it has one. */
  description?: string;
};

/**
 * A run past the size whose records are held (see docs/memory.md): the summaries, results.csv
 * and run.json count every record, and `records` is this sample of them.
 */
export type RecordsSample = {
  /** Records in results.jsonl. */
  records: number;
  /** Records in the sample. */
  shown: number;
  /** The sample holds the repeats up to this one (every attempt of each)… */
  repeats: number;
  /** …of this share of the cases, chosen by a hash of their key (absent: every case). */
  caseShare?: number;
};

/** What a report needs to know about the run besides its records. */
export type RunInfo = {
  runId: string;
  /** Targets answered by the local simulator: their figures are not real measurements. */
  simulatedTargets: string[];
  /** True when the run stopped before every planned request was made. */
  incomplete?: boolean;
  startedAt?: string;
  finishedAt?: string;
  /** When each later session of a resumed run began (ISO), in order; absent when it ran in one session. */
  resumedAt?: string[];
  /** The datasets' cases in their own order, for reports listing cases; with their prompts when known. */
  cases?: ReportCase[];
  /** @deprecated Cases of a single dataset; use `cases`. Kept until every caller passes `cases`. */
  caseIds?: string[];
  /** Datasets, targets and settings, when known (absent for reports rendered by older callers). */
  description?: RunDescription;
  /** Targets stopped before their last request, and why (redacted). */
  stoppedTargets?: Array<{ target: string; reason: string }>;
  /** Scheduling stopped at --max-cost. */
  budgetReached?: boolean;
  /** The harness's check on itself (absent for runs before it): every report flags `saturated`. */
  harness?: HarnessCheck;
  /** Set when the run was too large to hold: `records` is a sample of it, and this says which. */
  recordsSampled?: RecordsSample;
};

export type ReportInput = {
  records: AttemptRecord[];
  summaries: TargetSummary[];
  /** Every (target, prompt) after the first against the first, on the same cases. */
  comparisons: BaselineComparison[];
  run: RunInfo;
  /** The run's gates, evaluated (absent or empty when it had none). */
  gates?: GateResult[];
  /** The per-step view of multi-call cases: one per (target, prompt, step); absent or empty for a run of single calls. */
  steps?: StepSummary[];
  /** Multi-call cases as a whole, per (target, prompt): critical path against the sum of the steps, cost per case. */
  pipelines?: PipelineSummary[];
  /** reconciliation.json, when the run folder has one (--reconcile). */
  reconciliation?: Reconciliation;
};
