import type { IncomingHttpHeaders } from 'node:http';
import type { MockModelProfile } from '../../config/mock-profile-schema.ts';
import type { ContentChunk, Generation } from '../generation.ts';
import type { NormalizedRequest } from '../normalized-request.ts';

export type MockProtocolName = 'chat-completions' | 'responses' | 'anthropic-messages' | 'gateway';

/**
 * Errors every protocol can report, each in its own status, body format and wording; the facts a
 * message needs travel with the kind.
 */
export type MockError =
  | { kind: 'invalid_json'; detail: string }
  | { kind: 'invalid_request'; message: string; param?: string; code?: string }
  | { kind: 'model_not_found'; model: string }
  | { kind: 'context_length'; inputTokens: number; contextWindow: number }
  | { kind: 'rate_limit'; waitMs: number | undefined }
  | { kind: 'auth' | 'server_error' | 'unavailable' | 'overloaded' };
export type ErrorKind = MockError['kind'];
export type InvalidRequest = Extract<MockError, { kind: 'invalid_request' }>;

export type ErrorReply = { status: number; body: unknown };

export type ParseResult = { ok: true; request: NormalizedRequest } | { ok: false; error: InvalidRequest };

export function invalidRequest(message: string, details: { param?: string; code?: string } = {}): ParseResult {
  return { ok: false, error: { kind: 'invalid_request', message, ...details } };
}

/** The fault kinds that answer 429; each protocol says how long to wait in its own headers. */
export type RateLimitFault = 'rate_limit' | 'rate_limit_ms' | 'rate_limit_reset';

/** Gateway only: which simulated provider served, as the routing metadata reports it. */
export type GatewayRouting = {
  gatewayModel: string;
  provider: string;
  providerModelId: string;
  fallbacksAvailable: string[];
  startTime: number;
  /** Providers tried first that failed (the gateway fell back from them), in order. */
  failedAttempts: Array<{ provider: string; statusCode: number; startTime: number; endTime: number }>;
};

export type ResponseContext = {
  id: string;
  request: NormalizedRequest;
  profile: MockModelProfile;
  generation: Generation;
  /** Unix seconds, as the `created` fields carry it. */
  createdSeconds: number;
  routing?: GatewayRouting;
};

/** Turns one response into server-sent events; every method returns whole events. */
export type StreamEncoder = {
  /** Events sent with the headers, before the first token (may be empty). */
  open(): string;
  /** One content-bearing chunk, with any events that must precede it. */
  chunk(chunk: ContentChunk): string;
  /** Everything after the last chunk: block ends, finish reason, usage, terminator. */
  finish(): string;
  /** An error inside a 200 stream, in the protocol's own format; ends the stream. */
  error(): string;
  /** A data line no JSON parser accepts. */
  malformed(): string;
};

export type MockProtocol = {
  name: MockProtocolName;
  /** Prefixes of the ids this provider hands out (`chatcmpl-`, `msg_`) and of its tool call ids. */
  idPrefix: string;
  toolCallIdPrefix: string;
  /** The header every reply carries the request id in (`x-request-id`, Anthropic's `request-id`). */
  requestIdHeader: string;
  parse(body: unknown, headers: IncomingHttpHeaders): ParseResult;
  error(error: MockError): ErrorReply;
  /**
   * Headers of a 429 for `fault`: `value` is the retry header's value in the kind's own unit
   * (seconds, milliseconds or a `6m0s` duration) and `waitMs` the same wait, when it parses.
   */
  rateLimitHeaders(fault: RateLimitFault, value: string, waitMs: number | undefined): Record<string, string>;
  encoder(context: ResponseContext): StreamEncoder;
  /** The non-streaming response body. */
  completion(context: ResponseContext): unknown;
};

export function sseData(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

export function sseEvent(event: string, value: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(value)}\n\n`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
