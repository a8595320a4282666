import { APICallError, StreamProviderError } from 'ai';
import type { AttemptError, ErrorType } from '../records/attempt-record.ts';
import { parseRetryAfter } from './retry-after.ts';
import type { TransportTimes } from './timed-fetch.ts';

/**
 * Types worth another attempt: the provider or the network failed, not the request. A response
 * that was not the API's is most often a proxy's error page sent with a 200: the 502 it stands
 * for would be retried.
 */
const retryableErrorTypes: ReadonlySet<ErrorType> = new Set(['rate_limited', 'server_error', 'network', 'bad_response']);

/**
 * Worth another attempt: a rate limit, a 5xx, a network failure or a response that was not the
 * API's (a proxy's error page), including a 408 or 504 from
 * the server or a proxy (typed `timeout`, but the server's, not ours: our own timeouts and stalls
 * are not retried, since the same wait would likely repeat).
 */
export function isRetryable(error: AttemptError): boolean {
  // A redirect would come again: the API does not redirect, so the URL is wrong.
  if (error.type === 'bad_response' && error.httpStatus !== undefined && error.httpStatus >= 300 && error.httpStatus < 400) return false;
  return retryableErrorTypes.has(error.type) || (error.type === 'timeout' && (error.httpStatus === 408 || error.httpStatus === 504));
}

/**
 * Turns whatever the SDK or the transport threw into a stable error record. The message is
 * whole and not yet redacted: the caller redacts it, then shortens it (in that order, so that a
 * cut cannot leave part of a key behind).
 */
export function classifyError(error: unknown, transport: TransportTimes): AttemptError {
  // A status below 400 (an error found in the body of a 200 stream) says nothing about the failure.
  const redirect = redirectOf(error);
  if (redirect) return { type: 'bad_response', message: redirect.message, ...(transport.status !== undefined ? { httpStatus: transport.status } : {}) };
  // A package that wraps a closed socket in an error of its own may give it a status (the
  // gateway's is a 500): the transport saw no failing status, so the network failed, not the server.
  const wrapperStatus = isConnectionFailure(error) && !(transport.status !== undefined && transport.status >= 400) ? undefined : statusOf(error);
  const failingStatus = [wrapperStatus, transport.status].find((status) => status !== undefined && status >= 400);
  const headers = headersOf(error) ?? transport.responseHeaders;
  const message = describe(error);
  const byStatus =
    failingStatus !== undefined ? typeForStatus(failingStatus) : (typeOfStreamError(error) ?? typeWithoutStatus(error, transport));
  // The words are looked for near the start: a server may send megabytes of error body.
  const words = `${message.slice(0, 65_536)} ${bodyOf(error).slice(0, 65_536)}`;
  const type = failingStatus === 402 || (byStatus !== 'server_error' && quotaPattern.test(words)) ? 'quota' : byStatus;
  const httpStatus = failingStatus ?? transport.status;
  const retryAfterMs = parseRetryAfter(headers, Date.now(), { rateLimited: type === 'rate_limited' });
  return {
    type,
    message,
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/**
 * What providers say when money, not load, is the problem: retrying cannot help, and the target
 * must stop at once (OpenAI `insufficient_quota`, Anthropic's credit balance, spend limits).
 */
const quotaPattern =
  /insufficient_quota|exceeded your current quota|credit balance is too low|spend(ing)? limit|billing (hard )?limit|payment required|billing_not_active|account is not active|reached your specified (API )?usage limits?/i;

function bodyOf(error: unknown): string {
  if (APICallError.isInstance(error)) return error.responseBody ?? '';
  const data = (error as { data?: unknown } | undefined)?.data;
  return data === undefined ? '' : JSON.stringify(data);
}

/**
 * An error event inside a 200 stream says what failed in the provider's own words (OpenAI's
 * `server_error`, Anthropic's `overloaded_error`…): a server failure or a rate limit is typed as
 * such, and retried, rather than as a malformed stream.
 */
function typeOfStreamError(error: unknown): ErrorType | undefined {
  if (!StreamProviderError.isInstance(error)) return undefined;
  const data = error.data as { type?: unknown; code?: unknown } | undefined;
  const words = [error.type, error.code, data?.type, data?.code].filter((word) => typeof word === 'string').join(' ');
  if (/rate_limit/i.test(words)) return 'rate_limited';
  if (/server_error|api_error|overloaded|internal|unavailable/i.test(words)) return 'server_error';
  return undefined;
}

export function typeForStatus(status: number): ErrorType {
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'server_error'; // includes Anthropic's 529 overloaded
  if (status >= 400) return 'bad_request';
  return 'unknown';
}

function typeWithoutStatus(error: unknown, transport: TransportTimes): ErrorType {
  if (transport.headersAt === undefined) return 'network';
  // Headers arrived with a 2xx: the failure is in the body. A socket that closed early is the
  // network's fault; anything else (bad data, an error event) is the stream's.
  return isConnectionFailure(error) ? 'network' : 'stream_error';
}

/** The transport's refusal to follow a redirect, however a provider package wrapped it (the gateway's is a 500). */
function redirectOf(error: unknown): Error | undefined {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    if (current instanceof Error && current.name === 'RedirectNotFollowedError') return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isConnectionFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    const { name = '', code = '', message = '' } = current as { name?: string; code?: string; message?: string };
    // A parse or validation error quotes the raw event, model text and all: its words are data,
    // never evidence of a closed socket ("Unterminated string in JSON" is not "terminated").
    if (/JSONParseError|TypeValidationError/.test(name)) return false;
    if (/^(ECONNRESET|ECONNREFUSED|EPIPE|UND_ERR)/.test(code) || /SocketError/.test(name)) return true;
    if (/\bterminated\b|\bECONNRESET\b|\bEPIPE\b|other side closed|socket hang up|\bsocket\b/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function statusOf(error: unknown): number | undefined {
  if (APICallError.isInstance(error)) return error.statusCode;
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function headersOf(error: unknown): Record<string, string> | undefined {
  if (APICallError.isInstance(error)) return error.responseHeaders;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return APICallError.isInstance(cause) ? cause.responseHeaders : undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    // The cause's message, unless the error's own already says it (the AI SDK's "Cannot connect to API: <cause>").
    const inner = error.cause instanceof Error ? error.cause.message : '';
    const cause = inner !== '' && !error.message.includes(inner) ? `: ${inner}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
