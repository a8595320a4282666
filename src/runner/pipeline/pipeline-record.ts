import type { AttemptRecord, AttemptUsage } from '../../records/attempt-record.ts';
import { conversationTranscript, messageText } from '../../datasets/step-case.ts';
import type { PlannedRequest } from '../plan-run.ts';
import { criticalPath } from './critical-path.ts';

export type PipelineOutcome = {
  /** Every attempt of every step of the slot, earlier sessions' included. */
  stepRecords: readonly AttemptRecord[];
  /** Each answered step's answering record. */
  answers: ReadonlyMap<string, AttemptRecord>;
  /** The step whose last attempt failed, and that attempt. */
  failed?: { step: string; record: AttemptRecord } | undefined;
  scheduledMs: number;
};

/**
 * A multi-call case's own record, once its steps are done: the final output, the critical path's
 * timing, and the usage and cost of every attempt summed (a cached step's are not: nothing was
 * sent). A failed step leaves the case unanswered: an error record with that step's error.
 */
export function pipelineRecord(request: PlannedRequest, outcome: PipelineOutcome): AttemptRecord {
  const { testCase } = request;
  const calls = testCase.calls!;
  const sent = outcome.stepRecords.filter((record) => !record.cached);
  const timings = new Map([...outcome.answers].map(([name, record]) => [name, record.timing]));
  const path = outcome.failed ? {} : criticalPath(calls, timings);
  const costs = sent.flatMap((record) => (record.costUsd === undefined ? [] : [record.costUsd]));
  const sources = new Set(sent.flatMap((record) => (record.costSource ? [record.costSource] : [])));
  const started = outcome.stepRecords.map((record) => record.startedAt).sort()[0];
  const base = {
    caseId: testCase.id,
    ...(testCase.dataset !== undefined ? { dataset: testCase.dataset } : {}),
    target: request.target.label,
    prompt: request.prompt,
    repeat: request.repeat,
    attempt: request.firstAttempt ?? 1,
    final: true,
    startedAt: started ?? new Date().toISOString(),
    timing: {
      ...(path.ttftMs !== undefined ? { ttftMs: path.ttftMs } : {}),
      ...(path.e2eMs !== undefined ? { e2eMs: path.e2eMs } : {}),
      ...(outcome.failed ? {} : fromScheduled(calls.output, outcome.answers)),
    },
    usage: summedUsage(sent),
    ...(costs.length > 0 ? { costUsd: costs.reduce((sum, cost) => sum + cost, 0) } : {}),
    ...(sources.size === 1 ? { costSource: [...sources][0] } : {}),
    schedule: caseSchedule(outcome.scheduledMs, sent),
    output: outcome.failed ? '' : finalOutput(request, outcome.answers),
    pipeline: {
      kind: calls.kind,
      steps: calls.steps.length,
      answered: outcome.answers.size,
      ...(outcome.failed ? { failedStep: outcome.failed.step } : {}),
      attempts: sent.length,
      ...(path.e2eMs !== undefined ? { criticalPathMs: path.e2eMs } : {}),
      ...(path.sumOfStepsMs !== undefined ? { sumOfStepsMs: path.sumOfStepsMs } : {}),
    },
  };
  const failure = outcome.failed?.record;
  if (failure?.status === 'error') return { ...base, status: 'error', error: { ...failure.error, message: `step ${outcome.failed?.step}: ${failure.error.message}` } };
  return { ...base, status: 'ok' };
}

/**
 * Open loop, what a user behind the load felt of the whole case, from its scheduled time: the
 * output step's first token, and the end of the last step to end (every wait between steps
 * included, as the user waited through them). Absent in a closed loop, as for a single call.
 */
function fromScheduled(output: string, answers: ReadonlyMap<string, AttemptRecord>): { ttftFromScheduledMs?: number; e2eFromScheduledMs?: number } {
  const ttft = answers.get(output)?.timing.ttftFromScheduledMs;
  const ends = [...answers.values()].flatMap((record) => (record.timing.e2eFromScheduledMs === undefined ? [] : [record.timing.e2eFromScheduledMs]));
  return {
    ...(ttft !== undefined ? { ttftFromScheduledMs: ttft } : {}),
    ...(ends.length === answers.size && ends.length > 0 ? { e2eFromScheduledMs: Math.max(...ends) } : {}),
  };
}

/** The case's place in the schedule: when it was due, and when its first request went out (its dispatch delay). */
function caseSchedule(scheduledMs: number, sent: readonly AttemptRecord[]): NonNullable<AttemptRecord['schedule']> {
  const first = sent.filter((record) => record.schedule?.sentMs !== undefined).sort((a, b) => a.schedule!.sentMs! - b.schedule!.sentMs!)[0]?.schedule;
  if (first?.sentMs === undefined) return { scheduledMs };
  return {
    scheduledMs,
    ...(first.placedMs !== undefined ? { placedMs: first.placedMs } : {}),
    sentMs: first.sentMs,
    ...(first.dispatchDelayMs !== undefined ? { dispatchDelayMs: first.sentMs - scheduledMs } : {}),
  };
}

/** A pipeline's output step's answer; a conversation's transcript. */
function finalOutput(request: PlannedRequest, answers: ReadonlyMap<string, AttemptRecord>): string {
  const calls = request.testCase.calls!;
  if (calls.kind === 'pipeline') return answers.get(calls.output)?.output ?? '';
  return conversationTranscript(calls.steps.map((turn) => ({ user: turn.messages.map(messageText).join('\n'), assistant: answers.get(turn.name)?.output ?? '' })));
}

function summedUsage(records: readonly AttemptRecord[]): AttemptUsage {
  const sum = (field: 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'reasoningTokens') => {
    const known = records.flatMap((record) => (record.usage[field] === undefined ? [] : [record.usage[field]]));
    return known.length === 0 ? {} : { [field]: known.reduce((total, value) => total + value, 0) };
  };
  return {
    ...sum('inputTokens'),
    ...sum('outputTokens'),
    ...sum('cachedInputTokens'),
    ...sum('reasoningTokens'),
    estimated: records.some((record) => record.usage.estimated),
  };
}
