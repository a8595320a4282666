import type { AttemptRecord, AttemptSchedule, AttemptTiming } from '../records/attempt-record.ts';
import type { PlannedRequest } from './plan-run.ts';
import type { AttemptResult } from './run-attempt.ts';

/**
 * A slot's place in the arrival schedule: when it was due (ms from the schedule's zero), the zero
 * on the monotonic clock, and when this attempt got its place under the concurrency caps.
 */
export type SlotSchedule = { scheduledMs: number; zeroMs: number; placedMs?: number; openLoop?: boolean };

/**
 * An attempt's result as its record: the slot it belongs to, which attempt, and whether it is the
 * slot's last; with its schedule, when it was due and sent, and its latencies from the due time.
 */
export function attemptToRecord(request: PlannedRequest, attempt: number, final: boolean, result: AttemptResult, cached = false, slot?: SlotSchedule): AttemptRecord {
  const { error, interrupted: _interrupted, sentAtMs, ...rest } = result;
  const schedule = slot ? scheduleOf(slot, sentAtMs) : undefined;
  const base = {
    caseId: request.testCase.id,
    ...(request.testCase.dataset !== undefined ? { dataset: request.testCase.dataset } : {}),
    target: request.target.label,
    prompt: request.prompt,
    repeat: request.repeat,
    attempt,
    final,
    ...rest,
    // Latency from the scheduled time is an open loop's: a closed loop's "schedule" is the moment a
    // slot got its place, and counting from it would blame the harness's own send time on the provider.
    ...(schedule ? { schedule, ...(slot?.openLoop ? { timing: fromScheduled(rest.timing, schedule.dispatchDelayMs) } : {}) } : {}),
    ...(cached ? { cached: true as const } : {}),
  };
  return error ? { ...base, status: 'error', error } : { ...base, status: 'ok' };
}

/** sentMs and the dispatch delay only when the request was sent. */
function scheduleOf(slot: SlotSchedule, sentAtMs: number | undefined): AttemptSchedule {
  const placed = slot.placedMs !== undefined ? { placedMs: slot.placedMs } : {};
  if (sentAtMs === undefined) return { scheduledMs: slot.scheduledMs, ...placed };
  const sentMs = sentAtMs - slot.zeroMs;
  return { scheduledMs: slot.scheduledMs, ...placed, sentMs, dispatchDelayMs: sentMs - slot.scheduledMs };
}

/** TTFT and e2e counted from the due time too (coordinated omission): only where the figure from the send exists. */
function fromScheduled(timing: AttemptTiming, dispatchDelayMs: number | undefined): AttemptTiming {
  if (dispatchDelayMs === undefined) return timing;
  return {
    ...timing,
    ...(timing.ttftMs !== undefined ? { ttftFromScheduledMs: timing.ttftMs + dispatchDelayMs } : {}),
    ...(timing.e2eMs !== undefined ? { e2eFromScheduledMs: timing.e2eMs + dispatchDelayMs } : {}),
  };
}
