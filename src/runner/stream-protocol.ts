/**
 * What each streaming protocol's events look like, and which one says the answer is finished:
 * the harness checks the raw stream against this rather than trusting each provider package to
 * notice a stream that closed early (some report such an answer as finished, `interrupted` or not).
 */
export type StreamProtocol = {
  /** As a user knows it: `Anthropic Messages`. */
  name: string;
  /** The event that ends a finished answer, as a message names it. */
  endEvent: string;
  /** An event of this protocol (an error event included), as opposed to anything else sent as SSE. */
  isProtocolEvent(event: unknown): boolean;
  /** A cheap test before parsing: false when `data` cannot be the end event. */
  mayEnd(data: string): boolean;
  isEndEvent(event: unknown): boolean;
  /**
   * Nothing may follow this event (`endEventSeen`: the end event came before it): the harness
   * ends the body there, should the server hold it open.
   */
  isLastEvent(event: unknown, endEventSeen: boolean): boolean;
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const typeOf = (event: unknown) => (isRecord(event) && typeof event.type === 'string' ? event.type : undefined);

/**
 * Chat Completions (OpenAI-compatible servers): finished once a choice has a `finish_reason`.
 * `data: [DONE]` is not required (servers differ; the usage chunk after the finish_reason is
 * optional too), and is not enough alone: the AI SDK also fails a stream without a finish_reason.
 */
const chatCompletions: StreamProtocol = {
  name: 'Chat Completions',
  endEvent: 'a chunk with a finish_reason',
  isProtocolEvent: (event) =>
    event === '[DONE]' ||
    (isRecord(event) && (Array.isArray(event.choices) || 'error' in event || (typeof event.object === 'string' && event.object.startsWith('chat.completion')))),
  // Every chunk has a `"finish_reason":null`: only one with a value is worth parsing.
  mayEnd: (data) => data === '[DONE]' || /"finish_reason"\s*:\s*[^n\s]/.test(data),
  isEndEvent: (event) =>
    isRecord(event) && Array.isArray(event.choices) && event.choices.some((choice) => isRecord(choice) && choice.finish_reason != null),
  // The usage chunk may follow the finish_reason; after it, or [DONE], nothing more is coming.
  isLastEvent: (event, endEventSeen) => event === '[DONE]' || (endEventSeen && isRecord(event) && isRecord(event.usage)),
};

const responsesEnds = new Set(['response.completed', 'response.incomplete', 'response.failed']);
const responses: StreamProtocol = {
  name: 'Responses API',
  endEvent: 'response.completed',
  isProtocolEvent: (event) => {
    const type = typeOf(event);
    return type !== undefined && (type.startsWith('response.') || type === 'error');
  },
  mayEnd: (data) => data.includes('response.completed') || data.includes('response.incomplete') || data.includes('response.failed'),
  isEndEvent: (event) => responsesEnds.has(typeOf(event) ?? ''),
  isLastEvent: (event) => responsesEnds.has(typeOf(event) ?? ''),
};

const anthropicTypes = new Set([
  'message_start', 'message_delta', 'message_stop', 'content_block_start', 'content_block_delta', 'content_block_stop', 'ping', 'error',
]);
const anthropicMessages: StreamProtocol = {
  name: 'Anthropic Messages',
  endEvent: 'message_stop',
  isProtocolEvent: (event) => anthropicTypes.has(typeOf(event) ?? ''),
  mayEnd: (data) => data.includes('message_stop'),
  isEndEvent: (event) => typeOf(event) === 'message_stop',
  isLastEvent: (event) => typeOf(event) === 'message_stop',
};

/** The AI Gateway sends the AI SDK's own stream parts (LanguageModelV4StreamPart). */
const gatewayTypes = new Set([
  'stream-start', 'response-metadata', 'text-start', 'text-delta', 'text-end', 'reasoning-start', 'reasoning-delta', 'reasoning-end',
  'tool-input-start', 'tool-input-delta', 'tool-input-end', 'tool-approval-request', 'tool-call', 'tool-result', 'custom', 'file',
  'reasoning-file', 'source', 'finish', 'ping', 'raw', 'error',
]);
const gateway: StreamProtocol = {
  name: 'AI Gateway',
  endEvent: 'finish',
  isProtocolEvent: (event) => gatewayTypes.has(typeOf(event) ?? ''),
  mayEnd: (data) => data.includes('finish'),
  isEndEvent: (event) => typeOf(event) === 'finish',
  isLastEvent: (event) => typeOf(event) === 'finish',
};

/** The protocol a provider package speaks at `url` (by the path it posts to), if it is one the harness knows. */
export function streamProtocolOf(url: string): StreamProtocol | undefined {
  let path: string;
  try {
    path = new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
  if (path.endsWith('/chat/completions')) return chatCompletions;
  if (path.endsWith('/responses')) return responses;
  if (path.endsWith('/messages')) return anthropicMessages;
  if (path.endsWith('/language-model')) return gateway;
  return undefined;
}
