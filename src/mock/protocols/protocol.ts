import type { IncomingHttpHeaders } from 'node:http';
import type { MockModelProfile } from '../../config/mock-profile-schema.ts';
import type { ContentChunk, Generation } from '../generation.ts';
import type { NormalizedRequest } from '../normalized-request.ts';

export type MockProtocolName = 'chat-completions' | 'responses' | 'anthropic-messages' | 'gateway';

/** Errors every protocol can report, each in its own body format and status. */
export type ErrorKind =
  | 'invalid_json'
  | 'invalid_request'
  | 'model_not_found'
  | 'context_length'
  | 'rate_limit'
  | 'auth'
  | 'server_error'
  | 'unavailable'
  | 'overloaded';

export type ErrorReply = { status: number; body: unknown };

export type ParseResult =
  | { ok: true; request: NormalizedRequest }
  | { ok: false; message: string; param?: string };

/** Gateway only: which simulated provider served, as the routing metadata reports it. */
export type GatewayRouting = {
  gatewayModel: string;
  provider: string;
  providerModelId: string;
  fallbacksAvailable: string[];
  startTime: number;
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
  parse(body: unknown, headers: IncomingHttpHeaders): ParseResult;
  error(kind: ErrorKind, message: string, param?: string): ErrorReply;
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
