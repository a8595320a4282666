import type { AttemptRecord } from './attempt-record.ts';
import type { CaseIdentity } from './case-key.ts';

/** One run folder as `compare` reads it: what was planned, what was recorded, and each case's content hash. */
export type ComparedRun = {
  /** As given: messages name the folder the way the user wrote it. */
  folder: string;
  runId: string;
  startedAt?: string;
  finishedAt?: string;
  /** Not completed: stopped, killed, over budget, or still running. */
  incomplete: boolean;
  /** Labels of the targets the built-in simulator answered for. */
  simulatedTargets: string[];
  /** Every committed attempt, one final per slot sent (a slot cut short is decided by its latest attempt). */
  records: AttemptRecord[];
  /** caseKey → content hash; undefined when the run predates case hashes. */
  caseHashes: Map<string, string> | undefined;
  /**
   * The run's dataset names, in order. With one dataset, cases and records carry no name; pairing
   * gives them this one when the other run had several datasets.
   */
  datasets?: string[];
  /** Every planned case, in dataset order. */
  cases: CaseIdentity[];
  /** (target, prompt) pairs in plan order (from run.json targets × prompt variants, or from records). */
  pairs: Array<{ target: string; prompt: string }>;
};
