import { APICallError, JSONParseError } from 'ai';
import type { AttemptError } from '../../records/attempt-record.ts';
import type { AttemptFunction } from '../budgeted-attempt.ts';
import { ArgumentsTooDeepError, ResponseTooLargeError, type StreamMeasurement } from '../measure-stream.ts';
import { redirectNotFollowed } from '../no-redirect-fetch.ts';
import type { AttemptResult } from '../run-attempt.ts';
import { streamProtocolOf } from '../stream-protocol.ts';
import type { TransportTimes } from '../timed-fetch.ts';
import { deserializeError } from '../transport-messages.ts';
import { StallError, TimeoutError } from '../attempt-abort-errors.ts';
import { attemptResultOf } from '../attempt-result-of.ts';
import { yieldToTransport } from '../timed-fetch.ts';
import type { LeanOutcome, LeanStreamError } from './lean-messages.ts';
import type { LeanPool } from './lean-pool.ts';
import { prepareRequest } from './prepared-request.ts';
import { normalizedStreamError, responsesEarlyError, responsesLateError } from './provider-stream-error.ts';

/** Worker times are epoch ms; the rest of the harness uses this thread's performance.now(). */
const toLocalTime = (epoch: number) => epoch - performance.timeOrigin;
const local = (epoch: number | undefined) => (epoch === undefined ? undefined : toLocalTime(epoch));

/**
 * The lean engine's attempt: the SDK's own request (see prepared-request.ts), sent by a pool
 * worker that extracts the answer itself; its one outcome is turned here into the AttemptResult
 * the SDK engine's runAttempt would make of the same exchange, through the same classification,
 * usage checks, timing, cost and redaction.
 */
export function createLeanAttempt(pool: LeanPool): AttemptFunction {
  return async (request, settings, dependencies) => {
    const { target, testCase } = request;
    const startedAt = new Date().toISOString();
    const interrupted = (): AttemptResult => ({ startedAt, timing: {}, usage: { estimated: false }, output: '', interrupted: true });
    if (dependencies.interrupt?.aborted) return interrupted();
    let prepared;
    try {
      prepared = await prepareRequest(target, testCase, settings);
    } catch (error) {
      return { startedAt, timing: {}, usage: { estimated: false }, output: '', error: { type: 'unknown', message: dependencies.redact((error as Error).message) } };
    }
    // As the SDK engine does: this thread gives way to the workers that stamp, once sending starts.
    yieldToTransport();
    const outcome = await pool.send(
      { url: prepared.url, headers: prepared.headers, body: prepared.body, protocol: prepared.protocol, timeoutMs: settings.timeoutMs, stallTimeoutMs: settings.stallTimeoutMs },
      dependencies.interrupt,
    );
    if (outcome.endedBy === 'abort') return interrupted();
    const transport = transportOf(outcome, prepared.url);
    const measurement = measurementOf(outcome, prepared.url, prepared.warnings);
    let error: AttemptError | undefined;
    if (outcome.endedBy === 'timeout') error = timeoutError(new TimeoutError(settings.timeoutMs).message, transport);
    if (outcome.endedBy === 'stall') error = timeoutError(new StallError(settings.stallTimeoutMs).message, transport);
    const streamEnd = transport.lastChunkAt ?? transport.headersAt ?? performance.now();
    return attemptResultOf({ target, testCase, startedAt, transport, measurement, streamEnd, ...(error ? { error } : {}) }, dependencies);
  };
}

function timeoutError(message: string, transport: TransportTimes): AttemptError {
  return { type: 'timeout', message, ...(transport.status ? { httpStatus: transport.status } : {}) };
}

function transportOf(outcome: LeanOutcome, url: string): TransportTimes {
  const protocol = streamProtocolOf(url);
  return {
    chunkTimes: [],
    ...(outcome.sentAt !== undefined ? { sentAt: toLocalTime(outcome.sentAt), sentBy: outcome.sentBy === 'dispatch' ? 'fetch' : outcome.sentBy } : {}),
    ...(outcome.headersAt !== undefined ? { headersAt: toLocalTime(outcome.headersAt) } : {}),
    ...(outcome.status !== undefined ? { status: outcome.status } : {}),
    ...(outcome.responseHeaders ? { responseHeaders: outcome.responseHeaders } : {}),
    ...(outcome.lastChunkAt !== undefined ? { lastChunkAt: toLocalTime(outcome.lastChunkAt) } : {}),
    ...(outcome.stream && protocol ? { stream: { ...outcome.stream, protocol } } : {}),
  };
}

function measurementOf(outcome: LeanOutcome, url: string, warnings: string[]): StreamMeasurement {
  const found = outcome.extraction;
  const measurement: StreamMeasurement = {
    output: found.output,
    contentTimes: found.contentTimes.map(toLocalTime),
    contentCharacters: found.contentCharacters,
    ...(found.textLimit !== undefined ? { textLimit: found.textLimit } : {}),
    ...(found.firstTextAt !== undefined ? { firstTextAt: local(found.firstTextAt)! } : {}),
    ...(found.firstOutputAt !== undefined ? { firstOutputAt: local(found.firstOutputAt)! } : {}),
    ...(found.reasoningStreamed ? { reasoningStreamed: true as const } : {}),
    ...(found.toolCalls ? { toolCalls: found.toolCalls } : {}),
    ...(found.usage ? { usage: found.usage as StreamMeasurement['usage'] } : {}),
    ...(found.finishReason !== undefined ? { finishReason: found.finishReason } : {}),
    ...(found.rawFinishReason !== undefined ? { rawFinishReason: found.rawFinishReason } : {}),
    ...(warnings.length > 0 ? { warnings: [...warnings] } : {}),
  };
  const error = errorOf(outcome, url);
  if (error !== undefined) measurement.error = error;
  return measurement;
}

/** The error the SDK engine would have been handed for the same exchange. */
function errorOf(outcome: LeanOutcome, url: string): unknown {
  const status = outcome.status;
  if (status !== undefined && status >= 300 && status < 400) return redirectNotFollowed(status, outcome.responseHeaders?.location, url);
  if (status !== undefined && status >= 400 && outcome.transportError === undefined) return apiCallError(outcome, url);
  if (outcome.transportError) {
    const cause = deserializeError(outcome.transportError);
    if (cause.name === 'ResponseTooLargeError') return cause;
    // As fetch reports them, and the provider package wraps them: a failed connection before the
    // answer, a body that ended with its socket after it began.
    if (outcome.headersAt === undefined) return new APICallError({ message: `Cannot connect to API: ${cause.message}`, url, requestBodyValues: {}, cause, isRetryable: true });
    return new APICallError({ message: 'Failed to process successful response', url, requestBodyValues: {}, cause: new TypeError('terminated', { cause }) });
  }
  const failure = outcome.extraction.streamError;
  return failure === undefined ? undefined : streamErrorOf(failure, url, outcome);
}

function apiCallError(outcome: LeanOutcome, url: string): APICallError {
  const body = outcome.errorBody ?? '';
  const statusText = outcome.statusText ?? '';
  let message = statusText;
  let data: unknown;
  if (body.trim() !== '') {
    try {
      data = JSON.parse(body);
      const inner = (data as { error?: { message?: unknown } } | null)?.error?.message;
      if (typeof inner === 'string') message = inner;
      else data = undefined;
    } catch {
      data = undefined;
    }
  }
  return new APICallError({
    message,
    url,
    requestBodyValues: {},
    statusCode: outcome.status!,
    ...(outcome.responseHeaders ? { responseHeaders: outcome.responseHeaders } : {}),
    responseBody: body,
    ...(data !== undefined ? { data } : {}),
  });
}

function streamErrorOf(failure: LeanStreamError, url: string, outcome: LeanOutcome): unknown {
  const responses = streamProtocolOf(url)?.name === 'Responses API';
  switch (failure.kind) {
    case 'event':
      return responses ? responsesLateError(failure.value) : normalizedStreamError(failure.value);
    case 'early':
      return responsesEarlyError(failure.value, url, outcome.responseHeaders);
    case 'parse':
      return new JSONParseError({ text: failure.text, cause: new SyntaxError(failure.message) });
    case 'no-finish':
      return new Error(failure.message);
    case 'too-large':
      return new ResponseTooLargeError(failure.leftOutCall);
    case 'too-deep':
      return new ArgumentsTooDeepError(failure.toolName);
  }
}
