import type { Case } from '../../datasets/case.ts';
import type { AttemptUsage, ErrorType } from '../../records/attempt-record.ts';
import type { Target } from '../../targets/index.ts';
import type { PlannedRequest } from '../plan-run.ts';
import type { AttemptDependencies, AttemptResult } from '../run-attempt.ts';
import type { FakeClock } from './fake-clock.ts';

/** What a scripted model does with one request; its times are on the fake clock, from the send. */
export type Outcome =
  | { kind: 'ok'; ttftMs?: number; e2eMs: number; output: string; usage: AttemptUsage; costUsd?: number }
  | { kind: 'error'; type: ErrorType; afterMs: number; message: string; httpStatus?: number; retryAfterMs?: number; costUsd?: number };

/** An answer after `e2eMs` (100 by default), its first text at `ttftMs` (half of it by default). */
export function answer(options: Partial<Omit<Extract<Outcome, { kind: 'ok' }>, 'kind'>> = {}): Outcome {
  const e2eMs = options.e2eMs ?? 100;
  return {
    kind: 'ok',
    e2eMs,
    ttftMs: options.ttftMs ?? e2eMs / 2,
    output: options.output ?? 'answer',
    usage: options.usage ?? { inputTokens: 10, outputTokens: 5, estimated: false },
    ...(options.costUsd !== undefined ? { costUsd: options.costUsd } : {}),
  };
}

/** A failure of `type` after `afterMs` (0 by default: refused at once). */
export function failure(type: ErrorType, options: Partial<Omit<Extract<Outcome, { kind: 'error' }>, 'kind' | 'type'>> = {}): Outcome {
  return { kind: 'error', type, afterMs: options.afterMs ?? 0, message: options.message ?? `scripted ${type}`, ...options };
}

/** A function of the request, one outcome for every request, or a list taken in order (the last one repeats). */
export type Script = Outcome | Outcome[] | ((request: PlannedRequest, call: number) => Outcome);

/** One request the scripted model received. */
export type SentRequest = {
  target: string;
  caseId: string;
  dataset?: string;
  prompt: string;
  repeat: number;
  /** Fake-clock ms when it was sent, and when it ended (undefined while in flight). */
  sentAt: number;
  endedAt?: number;
  interrupted?: true;
};

/**
 * An in-memory model for `runPlan`'s `attempt`: per target, a script of outcomes, played on the
 * fake clock (an answer takes its `e2eMs` of fake time), and a log of what was sent and when. It
 * also keeps the peak number of requests in flight, overall and per target.
 */
export function scriptedAttempts(clock: FakeClock, scripts: Record<string, Script>) {
  const sent: SentRequest[] = [];
  const calls = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const peak = { overall: 0, byTarget: new Map<string, number>() };
  let inFlightOverall = 0;

  const pick = (request: PlannedRequest): Outcome => {
    const label = request.target.label;
    const script = scripts[label];
    if (script === undefined) throw new Error(`No script for target ${label}`);
    const call = calls.get(label) ?? 0;
    calls.set(label, call + 1);
    if (typeof script === 'function') return script(request, call);
    if (!Array.isArray(script)) return script;
    const outcome = script[Math.min(call, script.length - 1)];
    if (!outcome) throw new Error(`Empty script for target ${label}`);
    return outcome;
  };

  const attempt = async (request: PlannedRequest, _settings: unknown, dependencies: AttemptDependencies): Promise<AttemptResult> => {
    const outcome = pick(request);
    const label = request.target.label;
    const entry: SentRequest = {
      target: label,
      caseId: request.testCase.id,
      ...(request.testCase.dataset !== undefined ? { dataset: request.testCase.dataset } : {}),
      prompt: request.prompt,
      repeat: request.repeat,
      sentAt: clock.now(),
    };
    sent.push(entry);
    inFlightOverall++;
    inFlight.set(label, (inFlight.get(label) ?? 0) + 1);
    peak.overall = Math.max(peak.overall, inFlightOverall);
    peak.byTarget.set(label, Math.max(peak.byTarget.get(label) ?? 0, inFlight.get(label) ?? 0));
    try {
      const startedAt = new Date(entry.sentAt).toISOString();
      if (outcome.kind === 'error') {
        await clock.sleep(outcome.afterMs, dependencies.interrupt);
        if (dependencies.interrupt?.aborted) return interrupted(entry, startedAt);
        const { type, message, httpStatus, retryAfterMs } = outcome;
        return {
          startedAt,
          sentAtMs: entry.sentAt,
          timing: { e2eMs: clock.now() - entry.sentAt },
          usage: { estimated: false },
          output: '',
          ...(outcome.costUsd !== undefined ? { costUsd: outcome.costUsd } : {}),
          ...(httpStatus !== undefined ? { httpStatus } : {}),
          error: { type, message, ...(httpStatus !== undefined ? { httpStatus } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
        };
      }
      // Measured as runAttempt measures: on the clock, from this attempt's own send.
      const ttftWait = Math.min(outcome.ttftMs ?? outcome.e2eMs, outcome.e2eMs);
      await clock.sleep(ttftWait, dependencies.interrupt);
      const ttftMs = clock.now() - entry.sentAt;
      await clock.sleep(outcome.e2eMs - ttftWait, dependencies.interrupt);
      if (dependencies.interrupt?.aborted) return interrupted(entry, startedAt);
      return {
        startedAt,
        sentAtMs: entry.sentAt,
        timing: { ttftMs, e2eMs: clock.now() - entry.sentAt },
        usage: outcome.usage,
        output: outcome.output,
        ...(outcome.costUsd !== undefined ? { costUsd: outcome.costUsd, costSource: 'price-table' as const } : {}),
      };
    } finally {
      entry.endedAt = clock.now();
      inFlightOverall--;
      inFlight.set(label, (inFlight.get(label) ?? 1) - 1);
    }
  };

  return { attempt, sent, peak };
}

function interrupted(entry: SentRequest, startedAt: string): AttemptResult {
  entry.interrupted = true;
  return { startedAt, timing: {}, usage: { estimated: false }, output: '', interrupted: true };
}

/** A target that is only a label: the scripted attempt never calls its model. */
export function fakeTarget(label: string): Target {
  return {
    label,
    spec: { label, kind: 'openai-compatible', modelId: label, baseURL: 'http://fake.invalid/v1' },
    endpoint: 'http://fake.invalid/v1',
    simulated: false,
    secrets: [],
    createModel: () => {
      throw new Error(`fakeTarget ${label}: the scripted attempt sends nothing`);
    },
  };
}

/** A case with a one-message prompt. */
export function fakeCase(id: string, extra: Partial<Case> = {}): Case {
  return { id, line: 1, messages: [{ role: 'user', content: `question ${id}` }], assert: [], tags: [], vars: {}, ...extra };
}
