import type { Case } from '../datasets/case.ts';
import type { Target } from '../targets/index.ts';
import type { AttemptError, AttemptMeasurement } from '../records/attempt-record.ts';
import { InterruptedError, StallError, TimeoutError } from './attempt-abort-errors.ts';
import { attemptResultOf } from './attempt-result-of.ts';
import { measureStream, type StreamMeasurement } from './measure-stream.ts';
import { modelOfTarget, withAttemptFetch } from './model-of-target.ts';
import { streamModelCall } from './stream-model-call.ts';
import { streamTextOptions } from './stream-text-options.ts';
import { createTimedFetch, createTransportTimes, type TransportTimes } from './timed-fetch.ts';
import { watchSilence } from './watch-silence.ts';
import type { TokenCounter } from './token-counter.ts';

// The core writes nothing to the terminal: the SDK's warnings are kept in each record instead.
(globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = false;

export type AttemptSettings = {
  maxOutputTokens?: number;
  temperature?: number;
  /** Bounds the whole request. */
  timeoutMs: number;
  /** Ends a request that has received nothing for this long. */
  stallTimeoutMs: number;
  /** --cache-bust: every request opens with a nonce of its own (see stream-text-options.ts). */
  cacheBust?: boolean;
};

export type AttemptDependencies = {
  redact: (text: string) => string;
  countTokens: TokenCounter;
  /** Aborts requests in flight (a second Ctrl-C, or the end of the grace period after the first). */
  interrupt?: AbortSignal;
};

/** One measured call, before it is placed in the plan (case, repeat, attempt number). */
export type AttemptResult = AttemptMeasurement & {
  error?: AttemptError;
  /** The run was interrupted before this attempt finished: it is not a result, and is not recorded. */
  interrupted?: true;
  /** When the request left (performance.now() of this thread), for the schedule's send time; not recorded as such. */
  sentAtMs?: number;
};

/**
 * Sends one case to one target and measures it. Never throws for a failed request: the failure
 * is returned as data, with whatever partial output and timing there was.
 */
export async function runAttempt(
  target: Target,
  testCase: Case,
  settings: AttemptSettings,
  dependencies: AttemptDependencies,
): Promise<AttemptResult> {
  const transport = createTransportTimes();
  const controller = new AbortController();
  // Both verdicts are taken after pending I/O is delivered (see watchSilence): a busy harness must
  // not pass its own delay off as the provider's.
  const startedAtMs = performance.now();
  const total = watchSilence(settings.timeoutMs, () => startedAtMs, () => controller.abort(new TimeoutError(settings.timeoutMs)));
  // Silence is counted from the request's sending, by the transport's stamps: the time this thread
  // or the transport took to send it, or this thread took to read what had arrived, is not the
  // provider's. The total timeout bounds the rest (a connection that never opens, say).
  let stall: { stop: () => void } | undefined;
  const watchForStall = () => {
    stall ??= watchSilence(
      settings.stallTimeoutMs,
      () => lastTransportActivity(transport),
      () => controller.abort(new StallError(settings.stallTimeoutMs)),
    );
  };
  const interrupt = () => controller.abort(new InterruptedError());
  if (dependencies.interrupt?.aborted) interrupt();
  dependencies.interrupt?.addEventListener('abort', interrupt, { once: true });
  const startedAt = new Date().toISOString();

  let measurement: StreamMeasurement;
  try {
    // The target's model is shared by its attempts; this attempt's requests go through its own fetch.
    measurement = await withAttemptFetch(createTimedFetch(transport, { onActivity: watchForStall }), () => {
      // Errors are read from the stream and redacted (streamText's default handler would print
      // them, API keys a server echoed back and all: streamModelCall gives it one that does not).
      const parts = streamModelCall({ model: modelOfTarget(target), ...streamTextOptions(target, testCase, settings), abortSignal: controller.signal });
      return measureStream(parts, transport);
    });
  } catch (error) {
    measurement = { output: '', contentTimes: [], contentCharacters: [], error };
  } finally {
    total.stop();
    stall?.stop();
    dependencies.interrupt?.removeEventListener('abort', interrupt);
  }
  const streamEnd = transport.lastChunkAt ?? transport.headersAt ?? performance.now();

  const abortReason: unknown = controller.signal.aborted ? controller.signal.reason : undefined;
  if (abortReason instanceof InterruptedError) {
    return { startedAt, timing: {}, usage: { estimated: false }, output: '', interrupted: true };
  }
  const ownVerdict: AttemptError | undefined =
    abortReason instanceof TimeoutError || abortReason instanceof StallError
      ? { type: 'timeout', message: abortReason.message, ...(transport.status ? { httpStatus: transport.status } : {}) }
      : undefined;
  return attemptResultOf({ target, testCase, startedAt, transport, measurement, streamEnd, ...(ownVerdict ? { error: ownVerdict } : {}) }, dependencies);
}

/** The latest thing the transport saw of the request: its sending, its headers or a chunk. */
function lastTransportActivity(times: TransportTimes): number {
  const stamps = [times.sentAt, times.headersAt, times.lastChunkAt].filter((at) => at !== undefined);
  return Math.max(...stamps, -Infinity);
}

/** A target's own bound on output tokens, else the run's. */
export function maxOutputTokensOf(target: Pick<Target, 'maxOutputTokens'>, settings: Pick<AttemptSettings, 'maxOutputTokens'>): number | undefined {
  return target.maxOutputTokens ?? settings.maxOutputTokens;
}
