import { APICallError, StreamProviderError } from 'ai';

// An error event in a stream, turned into the error the AI SDK makes of it: @ai-sdk/openai's
// parseStreamError and getStatusCode for the Responses API, and streamText's
// normalizeStreamProviderError for any other payload (Chat Completions' `{ error: {…} }` chunk).
// None of them is exported; these follow them, so that both engines classify an event alike.

type Parsed = { message: string; code?: string | number; type?: string };

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const textOrNumber = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? value : undefined);

function httpStatusOf(value: unknown): number | undefined {
  const status = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : undefined;
}

/** A Responses API error frame (`error`, or `response.failed` with an error), as @ai-sdk/openai reads it. */
export function parseResponsesError(frame: unknown): Parsed | undefined {
  const value = record(frame);
  if (!value) return undefined;
  if (value.type === 'response.failed') {
    const error = record(record(value.response)?.error);
    const message = text(error?.message);
    if (message === undefined) return undefined;
    const code = textOrNumber(error?.code);
    return { message, ...(code !== undefined ? { code } : {}), type: 'response.failed' };
  }
  const error = record(value.error) ?? value;
  if (typeof error.message !== 'string') return undefined;
  if (!(record(value.error) !== undefined || typeof error.type === 'string' || 'code' in error || 'param' in error)) return undefined;
  const code = textOrNumber(error.code);
  const type = text(error.type);
  return { message: error.message, ...(code !== undefined ? { code } : {}), ...(type !== undefined ? { type } : {}) };
}

function responsesStatus(error: Parsed): number {
  const explicit = httpStatusOf(error.code);
  if (explicit !== undefined) return explicit;
  const words = [error.code, error.type].filter((word) => word !== undefined).join(' ').toLowerCase();
  if (['insufficient_quota', 'rate_limit'].some((term) => words.includes(term))) return 429;
  if (words.includes('authentication')) return 401;
  if (words.includes('permission')) return 403;
  if (words.includes('not_found')) return 404;
  if (['invalid', 'bad_request', 'context_length'].some((term) => words.includes(term))) return 400;
  if (words.includes('overload')) return 503;
  if (words.includes('timeout')) return 504;
  return 500;
}

/** An error frame that came before any output: @ai-sdk/openai throws it as a failed call. */
export function responsesEarlyError(frame: unknown, url: string, responseHeaders: Record<string, string> | undefined): APICallError {
  const parsed = parseResponsesError(frame);
  return new APICallError({
    message: parsed?.message ?? 'OpenAI stream failed before any output was generated',
    url,
    requestBodyValues: {},
    statusCode: parsed ? responsesStatus(parsed) : 500,
    ...(responseHeaders ? { responseHeaders } : {}),
    responseBody: JSON.stringify(frame),
    data: frame,
  });
}

/** An error frame after output began: the stream's error part. */
export function responsesLateError(frame: unknown): unknown {
  const parsed = parseResponsesError(frame);
  if (!parsed) return normalizedStreamError(frame);
  return new StreamProviderError({ message: parsed.message, ...(parsed.type !== undefined ? { type: parsed.type } : {}), ...(parsed.code !== undefined ? { code: parsed.code } : {}), statusCode: responsesStatus(parsed), data: frame });
}

const exactMessageStatus: Record<string, number> = { overloaded: 503, 'overloaded error': 503, 'model overloaded': 503, 'internal server error': 500, 'service unavailable': 503 };

/** streamText's reading of an error payload that is not an Error: a StreamProviderError when it has a message. */
export function normalizedStreamError(error: unknown): unknown {
  if (error instanceof Error) return error;
  const outer = record(error);
  if (!outer) return error;
  const details = record(record(outer.response)?.error) ?? record(outer.error) ?? outer;
  if (typeof details.message !== 'string') return error;
  const type = text(details.type) ?? text(outer.type);
  const code = textOrNumber(details.code) ?? textOrNumber(outer.code);
  const statusCode =
    [details.statusCode, outer.statusCode, details.status_code, outer.status_code, details.status, outer.status, details.code, outer.code]
      .map(httpStatusOf)
      .find((status) => status !== undefined) ?? exactMessageStatus[details.message.trim().toLowerCase()];
  return new StreamProviderError({
    message: details.message,
    ...(type !== undefined ? { type } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(statusCode !== undefined ? { statusCode } : {}),
    data: error,
  });
}
