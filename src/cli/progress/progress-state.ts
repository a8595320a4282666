import { slotKey } from '../../records/slot-key.ts';
import { isPipelineRecord, isStepRecord } from '../../records/pipeline-figures.ts';
import type { ErrorType } from '../../records/attempt-error.ts';
import type { AttemptRecord } from '../../records/attempt-record.ts';
import type { RunEvent } from '../../reports/run-event.ts';
import { RunningMedian } from './running-median.ts';

/** What the live progress line shows, at one moment. An unknown figure is `undefined`, never 0. */
export type ProgressSnapshot = {
  /** Slots (case × target × prompt × repeat) whose last attempt has ended, those a resumed run already had included. */
  done: number;
  /** Slots the plan holds. */
  total: number;
  /** Since the run started sending. */
  elapsedMs: number;
  /** Slots done per second by this session; unknown until one is done. */
  slotsPerSecond: number | undefined;
  /** At that rate, until every slot is done; unknown until one is done. */
  etaMs: number | undefined;
  /** Slots that ended unanswered, by why, most first (as the summary counts them). */
  errors: Array<{ type: ErrorType; count: number }>;
  /** Failed attempts that were retried. */
  retries: number;
  /** Answers and their judges, as billed so far by this session; unknown while no cost is known. */
  spentUsd: number | undefined;
  /** `--max-cost`, when set. */
  maxCostUsd: number | undefined;
  /** In the run's order. */
  targets: TargetProgress[];
  finished: boolean;
  /**
   * Why scheduling stopped before the plan was done: a signal (Ctrl-C, SIGTERM; known at once, so
   * the line stops promising an ETA while those in flight finish) or `--max-cost` (known when the
   * run finishes). Undefined for a run that went its whole way (stopped targets included).
   */
  stoppedBy: 'signal' | 'budget' | undefined;
};

export type TargetProgress = {
  label: string;
  /** Median TTFT of the answered attempts so far (linear interpolation, as the summary's percentile). */
  ttftP50Ms: number | undefined;
  /** Passed over slots with a verdict or no answer (an unanswered slot counts failed, as the summary's pass rate). */
  passRate: number | undefined;
  /** Set when the target's governor stopped sending to it. */
  stopped: boolean;
};

type TargetTally = { ttft: RunningMedian; passed: number; counted: number; stopped: boolean };

/**
 * The run's progress, fed its events. Pure: the caller passes the time with each event and each
 * snapshot, and nothing here writes anywhere. Each event costs a binary insertion at most, so a
 * draw never sorts.
 */
export class ProgressState {
  private startedAtMs: number | undefined;
  private finishedAtMs: number | undefined;
  private total = 0;
  private alreadyDone = 0;
  private sessionDone = 0;
  private retries = 0;
  private spentUsd: number | undefined;
  private readonly errors = new Map<ErrorType, number>();
  private readonly targets = new Map<string, TargetTally>();
  /** Slots whose latest attempt failed and was to be retried: settled as failed if the run ends first. */
  private readonly awaitingRetry = new Map<string, AttemptRecord>();

  private stoppedBy: 'signal' | 'budget' | undefined;
  private readonly maxCostUsd: number | undefined;

  constructor(maxCostUsd?: number) {
    this.maxCostUsd = maxCostUsd;
  }

  onEvent(event: RunEvent, nowMs: number): void {
    switch (event.type) {
      case 'run-started':
        this.startedAtMs = nowMs;
        this.total = event.plannedRequests;
        this.alreadyDone = event.alreadyDone;
        // A resumed run's spend, as --max-cost counts it: its earlier sessions' too.
        if (event.alreadySpentUsd > 0) this.spentUsd = event.alreadySpentUsd;
        for (const label of event.targets) this.tallyOf(label);
        return;
      case 'attempt-done':
        this.onRecord(event.record);
        return;
      case 'target-stopped':
        this.tallyOf(event.target).stopped = true;
        return;
      case 'run-finished':
        this.finishedAtMs = nowMs;
        // A retry never sent (a stopped target, the budget, Ctrl-C): the slot ends with its last
        // failure, as the reports count it.
        for (const record of this.awaitingRetry.values()) this.settle(record);
        this.awaitingRetry.clear();
        // An older caller may hand a report without its run info.
        if (this.stoppedBy === undefined && event.report.run?.budgetReached === true) this.stoppedBy = 'budget';
        return;
    }
  }

  /** A signal stopped scheduling: no new request will be sent, those in flight may still end. */
  onInterrupt(): void {
    if (this.finishedAtMs === undefined) this.stoppedBy = 'signal';
  }

  /** Slots done and planned: what a plain line's every-tenth check needs, without a snapshot. */
  get counts(): { done: number; total: number } {
    return { done: this.alreadyDone + this.sessionDone, total: this.total };
  }

  snapshot(nowMs: number): ProgressSnapshot {
    const elapsedMs = this.startedAtMs === undefined ? 0 : Math.max(0, (this.finishedAtMs ?? nowMs) - this.startedAtMs);
    const done = this.alreadyDone + this.sessionDone;
    const slotsPerSecond = this.sessionDone > 0 && elapsedMs > 0 ? this.sessionDone / (elapsedMs / 1000) : undefined;
    // Once scheduling has stopped, the rest of the plan will not be sent: no time is left to it.
    const stopped = this.stoppedBy !== undefined;
    return {
      done,
      total: this.total,
      elapsedMs,
      slotsPerSecond,
      etaMs: slotsPerSecond === undefined || stopped ? undefined : (Math.max(0, this.total - done) / slotsPerSecond) * 1000,
      errors: [...this.errors].map(([type, count]) => ({ type, count })).sort((left, right) => right.count - left.count || left.type.localeCompare(right.type)),
      retries: this.retries,
      spentUsd: this.spentUsd,
      maxCostUsd: this.maxCostUsd,
      targets: [...this.targets].map(([label, tally]) => ({
        label,
        ttftP50Ms: tally.ttft.median,
        passRate: tally.counted === 0 ? undefined : tally.passed / tally.counted,
        stopped: tally.stopped,
      })),
      finished: this.finishedAtMs !== undefined,
      stoppedBy: this.stoppedBy,
    };
  }

  private onRecord(record: AttemptRecord): void {
    const tally = this.tallyOf(record.target);
    // A cached answer cost nothing this time; a judge's calls are paid for like the answer's. A
    // multi-call case's own record sums its steps' costs, which were counted as they came.
    const answerUsd = record.cached || isPipelineRecord(record) ? undefined : record.costUsd;
    const judgeUsd = record.score?.judge?.costUsd;
    if (answerUsd !== undefined || judgeUsd !== undefined) this.spentUsd = (this.spentUsd ?? 0) + (answerUsd ?? 0) + (judgeUsd ?? 0);
    // A step's attempt is part of its case: retried like any, but the case's own record settles the slot.
    if (isStepRecord(record)) {
      if (!record.final && record.status === 'error') this.retries++;
      return;
    }
    if (record.status === 'ok' && record.timing.ttftMs !== undefined && Number.isFinite(record.timing.ttftMs)) tally.ttft.add(record.timing.ttftMs);
    if (!record.final) {
      if (record.status === 'error') {
        this.retries++;
        this.awaitingRetry.set(slotKey(record), record);
      }
      return;
    }
    this.awaitingRetry.delete(slotKey(record));
    this.settle(record);
  }

  /** A slot's final outcome: done, and counted in the errors and the pass rate. */
  private settle(record: AttemptRecord): void {
    const tally = this.tallyOf(record.target);
    this.sessionDone++;
    if (record.status === 'error') {
      this.errors.set(record.error.type, (this.errors.get(record.error.type) ?? 0) + 1);
      tally.counted++;
    } else if (record.score && !record.score.unscored) {
      tally.counted++;
      if (record.score.passed) tally.passed++;
    }
  }

  private tallyOf(label: string): TargetTally {
    let tally = this.targets.get(label);
    if (!tally) {
      tally = { ttft: new RunningMedian(), passed: 0, counted: 0, stopped: false };
      this.targets.set(label, tally);
    }
    return tally;
  }
}
