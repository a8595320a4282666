import type { StreamMeasurement } from '../measure-stream.ts';
import type { EventStreamState } from '../event-stream-watch.ts';
import type { SerializedError } from '../transport-messages.ts';

/** The two OpenAI protocols the lean engine speaks. */
export type LeanProtocol = 'chat' | 'responses';

/** Main thread → lean worker. */
export type LeanRequest =
  | {
      type: 'request';
      id: number;
      url: string;
      headers: Record<string, string>;
      body: string;
      protocol: LeanProtocol;
      timeoutMs: number;
      stallTimeoutMs: number;
    }
  | { type: 'abort'; id: number };

/** Token counts in the shape of the AI SDK's LanguageModelUsage, as checkedUsage reads them. */
export type LeanUsage = {
  inputTokens?: number;
  outputTokens?: number;
  inputTokenDetails?: { cacheReadTokens?: number };
  outputTokenDetails?: { reasoningTokens?: number };
};

/**
 * A failure found in the body (an error event, unparsable data, a stream that ended without its
 * finish), in the provider package's own words: the main thread rebuilds the package's error from it.
 */
export type LeanStreamError =
  /** An error event (Chat Completions' `{ error }` chunk, a Responses `error` or failed response). */
  | { kind: 'event'; value: unknown }
  /** A Responses error frame before any output, which @ai-sdk/openai throws as a failed call. */
  | { kind: 'early'; value: unknown }
  | { kind: 'parse'; text: string; message: string }
  | { kind: 'no-finish'; message: string }
  | { kind: 'too-large'; leftOutCall?: { name: string; characters: number } }
  | { kind: 'too-deep'; toolName: string };

/**
 * What one stream yielded: the SDK engine's StreamMeasurement fields the worker can fill itself,
 * stamped on the worker's epoch clock, with its own usage and stream error (plain data, to post).
 */
export type Extraction = Pick<StreamMeasurement, 'output' | 'textLimit' | 'firstTextAt' | 'firstOutputAt' | 'contentTimes' | 'contentCharacters' | 'reasoningStreamed' | 'toolCalls' | 'finishReason' | 'rawFinishReason'> & {
  usage?: LeanUsage;
  streamError?: LeanStreamError;
};

/** Lean worker → main thread: ONE message per request, at its end. Times are epoch ms. */
export type LeanOutcome = {
  id: number;
  sentAt?: number;
  sentBy?: 'socket' | 'headers' | 'dispatch';
  headersAt?: number;
  status?: number;
  statusText?: string;
  responseHeaders?: Record<string, string>;
  lastChunkAt?: number;
  /** Network chunks of the body. */
  chunks: number;
  extraction: Extraction;
  /** The event-stream watch's verdict, without its protocol (a function table cannot cross threads). */
  stream?: Omit<EventStreamState, 'protocol'>;
  /** The body of a failing (>= 400) response, as text (at most `maxErrorBodyBytes`). */
  errorBody?: string;
  /** A failure of the connection (or the body limit), as the transport saw it. */
  transportError?: SerializedError;
  /** The worker ended it: --timeout-ms, --stall-timeout-ms, or the run's interrupt (an abort message). */
  endedBy?: 'timeout' | 'stall' | 'abort';
};
