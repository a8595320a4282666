import type { ErrorKind, ErrorReply, MockError, RateLimitFault } from './protocol.ts';

const anthropicErrors: Record<ErrorKind, { status: number; type: string }> = {
  invalid_json: { status: 400, type: 'invalid_request_error' },
  invalid_request: { status: 400, type: 'invalid_request_error' },
  model_not_found: { status: 404, type: 'not_found_error' },
  context_length: { status: 400, type: 'invalid_request_error' },
  rate_limit: { status: 429, type: 'rate_limit_error' },
  auth: { status: 401, type: 'authentication_error' },
  server_error: { status: 500, type: 'api_error' },
  unavailable: { status: 503, type: 'api_error' },
  overloaded: { status: 529, type: 'overloaded_error' },
};

/** Anthropic's error body, `{"type":"error","error":{type,message}}`, in Anthropic's wording. */
export function anthropicError(error: MockError): ErrorReply {
  const { status, type } = anthropicErrors[error.kind];
  return { status, body: { type: 'error', error: { type, message: messageOf(error) } } };
}

function messageOf(error: MockError): string {
  switch (error.kind) {
    case 'invalid_json':
      return `The request body is not valid JSON: ${error.detail}`;
    case 'invalid_request':
      return error.message;
    case 'model_not_found':
      return `model: ${error.model}`;
    case 'context_length':
      return `prompt is too long: ${error.inputTokens} tokens > ${error.contextWindow} maximum`;
    case 'rate_limit':
      return 'Number of requests has exceeded your per-minute rate limit (https://docs.claude.com/en/api/rate-limits); see the response headers for current usage. Please reduce the request rate or try again later.';
    case 'auth':
      return 'invalid x-api-key';
    case 'server_error':
      return 'Internal server error';
    case 'unavailable':
      return 'Service unavailable';
    case 'overloaded':
      return 'Overloaded';
  }
}

/**
 * Anthropic's 429 headers: `retry-after` in whole seconds and the RFC 3339 times at which the
 * request and token limits reset. It has no millisecond header, so `rate_limit_ms` rounds the
 * wait up in `retry-after` and keeps it exact in the reset times; `rate_limit_reset` sends only
 * the reset times, the Anthropic way of saying when without `retry-after`.
 */
/** The latest time a JavaScript Date holds: 8.64e15 ms after 1970. */
const latestDateMs = 8.64e15;

export function anthropicRateLimitHeaders(
  fault: RateLimitFault,
  value: string,
  waitMs: number | undefined,
): Record<string, string> {
  // A value that is no wait at all (an HTTP date, say) is passed on as given.
  if (waitMs === undefined) return { 'retry-after': value };
  // A hostile wait (`x-mock-retry-after: 1e20`) is sent as the latest time a date can hold,
  // year 275760: past that, there is no RFC 3339 time to write (toISOString throws).
  const resetAt = new Date(Math.min(Date.now() + waitMs, latestDateMs)).toISOString();
  const resets = {
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': '0',
    'anthropic-ratelimit-requests-reset': resetAt,
    'anthropic-ratelimit-tokens-reset': resetAt,
  };
  if (fault === 'rate_limit_reset') return resets;
  const retryAfter = fault === 'rate_limit' ? value : String(Math.ceil(waitMs / 1000));
  return { 'retry-after': retryAfter, ...resets };
}
