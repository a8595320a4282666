import { streamText } from 'ai';
import type { Case } from '../datasets/case.ts';
import { computeCost, type Target } from '../targets/index.ts';
import type { AttemptError, AttemptMeasurement, AttemptUsage } from '../records/attempt-record.ts';
import { caseRequestOptions } from './case-request-options.ts';
import { checkedUsage } from './checked-usage.ts';
import { classifyError } from './classify-error.ts';
import { gatewayFacts } from './gateway-facts.ts';
import { measureStream, type StreamMeasurement } from './measure-stream.ts';
import { contentTypeWarning, encodingWarning, streamVerdict } from './stream-verdict.ts';
import { redactDeep } from './redact-deep.ts';
import { boundedMessage, redactAndCut } from './redact-and-cut.ts';
import { computeTiming } from './compute-timing.ts';
import { createTimedFetch, createTransportTimes, type TransportTimes } from './timed-fetch.ts';
import { watchSilence } from './watch-silence.ts';
import { messagesText, type TokenCounter } from './token-counter.ts';

// The core writes nothing to the terminal: the SDK's warnings are kept in each record instead.
(globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = false;

export type AttemptSettings = {
  maxOutputTokens?: number;
  temperature?: number;
  /** Bounds the whole request. */
  timeoutMs: number;
  /** Ends a request that has received nothing for this long. */
  stallTimeoutMs: number;
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
    const result = streamText({
      model: target.createModel(createTimedFetch(transport, { onActivity: watchForStall })),
      messages: testCase.messages,
      ...(testCase.system !== undefined ? { instructions: testCase.system } : {}),
      ...(maxOutputTokensOf(target, settings) !== undefined ? { maxOutputTokens: maxOutputTokensOf(target, settings) } : {}),
      ...((target.temperature ?? settings.temperature) !== undefined ? { temperature: target.temperature ?? settings.temperature } : {}),
      ...(target.providerOptions ? { providerOptions: target.providerOptions } : {}),
      ...caseRequestOptions(testCase),
      // The harness retries by itself, recording every attempt.
      maxRetries: 0,
      abortSignal: controller.signal,
      // streamText's default handler prints the error, API keys a server echoed back and all:
      // errors are read from the stream and redacted instead.
      onError: () => {},
    });
    measurement = await measureStream(result.fullStream, transport);
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
  let error: AttemptError | undefined;
  if (abortReason instanceof TimeoutError || abortReason instanceof StallError) {
    error = { type: 'timeout', message: abortReason.message, ...(transport.status ? { httpStatus: transport.status } : {}) };
  } else {
    // The harness's verdict on the raw stream first: a body that was not the API's, or that closed
    // before its end event, is never an answer, whatever the provider package made of it.
    error = streamVerdict(transport.stream, measurement);
    const mislabelled = contentTypeWarning(transport.stream);
    if (mislabelled !== undefined) (measurement.warnings ??= []).push(mislabelled);
    const badBytes = encodingWarning(transport.stream);
    if (badBytes !== undefined) (measurement.warnings ??= []).push(badBytes);
    if (error === undefined && measurement.error !== undefined) error = classifyError(measurement.error, transport);
  }

  const usage = completeUsage(measurement, testCase, dependencies.countTokens, error === undefined);
  const timing = computeTiming(measurement, transport.sentAt, transport.headersAt, streamEnd, usage);
  const gateway = gatewayFacts(measurement.providerMetadata);
  if (gateway.warning !== undefined) (measurement.warnings ??= []).push(gateway.warning);
  const priceCost = computeCost(usage, target.price);
  const costUsd = gateway.costUsd ?? priceCost;

  return {
    startedAt,
    ...(transport.sentAt !== undefined ? { sentAtMs: transport.sentAt } : {}),
    timing,
    usage,
    ...(costUsd !== undefined ? { costUsd, costSource: gateway.costUsd !== undefined ? 'gateway' : 'price-table' } : {}),
    ...(measurement.finishReason ? { finishReason: measurement.finishReason } : {}),
    ...(gateway.servedBy ? { servedBy: boundedMessage(gateway.servedBy, maxServedByCharacters, dependencies.redact) } : {}),
    ...(transport.status !== undefined ? { httpStatus: transport.status } : {}),
    output: redactAndCut(measurement.output, measurement.textLimit ?? Infinity, dependencies.redact).text,
    // Arguments are model output like any other: a key a server echoed into them is blanked too.
    ...(measurement.toolCalls?.length ? { toolCalls: redactDeep(measurement.toolCalls, dependencies.redact) } : {}),
    ...(measurement.warnings?.length ? { warnings: boundedWarnings(measurement, dependencies.redact) } : {}),
    ...(error ? { error: { ...error, message: boundedMessage(error.message, maxMessageCharacters, dependencies.redact) } } : {}),
  };
}

/** Error messages and warnings are cut here (after redaction): a server can quote anything in them. */
const maxMessageCharacters = 2000;
/** A provider's name, as the gateway says it: a string from the server like any other. */
const maxServedByCharacters = 200;

function boundedWarnings(measurement: StreamMeasurement, redact: (text: string) => string): string[] {
  const warnings = (measurement.warnings ?? []).map((warning) => boundedMessage(warning, maxMessageCharacters, redact));
  const leftOut = measurement.warningsLeftOut ?? 0;
  return leftOut > 0 ? [...warnings, `… and ${leftOut} more warnings, not kept`] : warnings;
}

/** The latest thing the transport saw of the request: its sending, its headers or a chunk. */
function lastTransportActivity(times: TransportTimes): number {
  const stamps = [times.sentAt, times.headersAt, times.lastChunkAt].filter((at) => at !== undefined);
  return Math.max(...stamps, -Infinity);
}

/** Usage from the provider, or counted locally (and flagged) when it sent none. */
function completeUsage(measurement: StreamMeasurement, testCase: Case, countTokens: TokenCounter, answered: boolean): AttemptUsage {
  // Counts a server reported that cannot be (negative, huge, fractional) are left out, and estimated.
  const reported = checkedUsage(measurement.usage);
  if (reported.warnings.length > 0) (measurement.warnings ??= []).push(...reported.warnings);
  let estimated = false;
  let outputTokens = reported.outputTokens;
  let inputTokens = reported.inputTokens;
  // A failed call's partial output is still billed by most providers; estimate it too.
  if (outputTokens === undefined && (answered || measurement.output.length > 0)) {
    outputTokens = countTokens(measurement.output);
    estimated = true;
  }
  if (inputTokens === undefined && (answered || measurement.firstOutputAt !== undefined)) {
    inputTokens = countTokens(messagesText(testCase.messages, testCase.system));
    estimated = true;
  }
  const cached = reported.cachedInputTokens;
  const reasoning = reported.reasoningTokens;
  return {
    ...(inputTokens !== undefined ? { inputTokens } : {}),
    ...(outputTokens !== undefined ? { outputTokens } : {}),
    ...(cached !== undefined ? { cachedInputTokens: cached } : {}),
    ...(reasoning !== undefined ? { reasoningTokens: reasoning } : {}),
    estimated,
  };
}

class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor() {
    super('interrupted');
  }
}

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(milliseconds: number) {
    super(`no complete answer within ${milliseconds} ms (--timeout-ms)`);
  }
}

class StallError extends Error {
  override readonly name = 'StallError';
  constructor(milliseconds: number) {
    super(`stream stalled: nothing received for ${milliseconds} ms (--stall-timeout-ms)`);
  }
}

/** A target's own bound on output tokens, else the run's. */
export function maxOutputTokensOf(target: Pick<Target, 'maxOutputTokens'>, settings: Pick<AttemptSettings, 'maxOutputTokens'>): number | undefined {
  return target.maxOutputTokens ?? settings.maxOutputTokens;
}
