import type { AttemptRecord } from '../records/attempt-record.ts';
import { attemptToRecord } from './attempt-to-record.ts';
import type { PlannedRequest } from './plan-run.ts';
import type { CachedAnswer } from './response-cache.ts';
import type { AttemptResult } from './run-attempt.ts';

/** A cached answer as its slot's record: no request was sent, so no timing and no cost. */
export function cachedRecord(request: PlannedRequest, cached: CachedAnswer): AttemptRecord {
  const { usage, ...answer } = cached;
  return attemptToRecord(request, request.firstAttempt ?? 1, true, { startedAt: new Date().toISOString(), timing: {}, usage, costUsd: 0, costSource: 'cache', ...answer }, true);
}

/** What the cache keeps of an answer. */
export function cachedAnswer(result: AttemptResult): CachedAnswer {
  return {
    output: result.output,
    usage: result.usage,
    ...(result.finishReason ? { finishReason: result.finishReason } : {}),
    ...(result.toolCalls ? { toolCalls: result.toolCalls } : {}),
  };
}
