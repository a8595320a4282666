import type { ContentChunk, FinishReason } from '../generation.ts';
import { flattenContent, type NormalizedMessage, type ToolChoice } from '../normalized-request.ts';
import { anthropicError, anthropicRateLimitHeaders } from './anthropic-errors.ts';
import {
  invalidRequest,
  isRecord,
  positiveInteger,
  sseEvent,
  type MockProtocol,
  type ParseResult,
  type ResponseContext,
  type StreamEncoder,
} from './protocol.ts';

const stopReasons: Record<FinishReason, string> = { stop: 'end_turn', length: 'max_tokens', 'tool-calls': 'tool_use' };

/** Anthropic Messages, `POST /v1/messages`: message_start ... message_stop. */
export const anthropicMessages: MockProtocol = {
  name: 'anthropic-messages',
  idPrefix: 'msg_mock',
  toolCallIdPrefix: 'toolu_mock',
  requestIdHeader: 'request-id',
  parse,
  error: anthropicError,
  rateLimitHeaders: anthropicRateLimitHeaders,
  encoder: createEncoder,
  completion(context) {
    const { generation } = context;
    const content: unknown[] = [];
    if (generation.text !== '' || !generation.toolCall) content.push({ type: 'text', text: generation.text });
    if (generation.toolCall) {
      const { id, name, arguments: input } = generation.toolCall;
      content.push({ type: 'tool_use', id, name, input: parseInput(input) });
    }
    return { ...messageShell(context), content, stop_reason: stopReasons[generation.finishReason], usage: fullUsage(context) };
  },
};

function parse(body: unknown): ParseResult {
  // Anthropic names the field and says what is wrong with it, in its validator's words.
  if (!isRecord(body)) return invalidRequest('Input should be a valid dictionary');
  if (typeof body.model !== 'string' || body.model === '') return invalidRequest('model: Field required');
  if (body.messages === undefined) return invalidRequest('messages: Field required');
  if (!Array.isArray(body.messages)) return invalidRequest('messages: Input should be a valid list');
  if (body.messages.length === 0) return invalidRequest('messages: at least one message is required');
  if (body.max_tokens === undefined) return invalidRequest('max_tokens: Field required');
  const maxOutputTokens = positiveInteger(body.max_tokens);
  if (maxOutputTokens === undefined) {
    return invalidRequest(
      Number.isInteger(body.max_tokens) ? 'max_tokens: Input should be greater than or equal to 1' : 'max_tokens: Input should be a valid integer',
    );
  }
  const messages: NormalizedMessage[] = [];
  if (body.system !== undefined) messages.push({ role: 'system', ...flattenContent(body.system) });
  for (const [index, message] of body.messages.entries()) {
    if (!isRecord(message) || (message.role !== 'user' && message.role !== 'assistant')) {
      return invalidRequest(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    }
    messages.push({ role: message.role, ...flattenContent(message.content) });
  }
  return {
    ok: true,
    request: {
      model: body.model,
      stream: body.stream === true,
      messages,
      maxOutputTokens,
      toolNames: Array.isArray(body.tools)
        ? body.tools.flatMap((tool) => (isRecord(tool) && typeof tool.name === 'string' ? [tool.name] : []))
        : [],
      toolChoice: toolChoiceOf(body.tool_choice),
      includeUsage: true,
    },
  };
}

/** `{ type: 'auto' | 'any' | 'none' }` or `{ type: 'tool', name }`. */
function toolChoiceOf(value: unknown): ToolChoice {
  if (!isRecord(value)) return { type: 'auto' };
  if (value.type === 'none') return { type: 'none' };
  if (value.type === 'any') return { type: 'required' };
  if (value.type === 'tool' && typeof value.name === 'string') return { type: 'tool', name: value.name };
  return { type: 'auto' };
}

function messageShell(context: ResponseContext) {
  return {
    id: context.id,
    type: 'message',
    role: 'assistant',
    model: context.request.model,
    content: [] as unknown[],
    stop_reason: null as string | null,
    stop_sequence: null,
    usage: {} as Record<string, unknown>,
  };
}

/** Anthropic counts the prompt cache's tokens apart: `input_tokens` is the rest of the prompt. */
function usage(context: ResponseContext, outputTokens = context.generation.outputTokens) {
  const { inputTokens, cachedInputTokens } = context.generation;
  return {
    input_tokens: inputTokens - cachedInputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cachedInputTokens,
    output_tokens: outputTokens,
  };
}

/** The usage of message_start and of a whole message: the cache breakdown and service tier too. */
function fullUsage(context: ResponseContext, outputTokens = context.generation.outputTokens) {
  const { output_tokens, ...input } = usage(context, outputTokens);
  return {
    ...input,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens,
    service_tier: 'standard',
  };
}

function parseInput(input: string): unknown {
  try {
    return JSON.parse(input);
  } catch {
    return {};
  }
}

function createEncoder(context: ResponseContext): StreamEncoder {
  const { generation } = context;
  let index = -1;
  let blockOpen = false;
  let pinged = false;
  const event = (type: string, fields: Record<string, unknown> = {}) => sseEvent(type, { type, ...fields });
  // Anthropic sends one ping early in the stream; clients must ignore it.
  const ping = () => (pinged ? '' : ((pinged = true), event('ping')));
  const startBlock = (block: Record<string, unknown>) => {
    const closing = blockOpen ? event('content_block_stop', { index }) : '';
    index++;
    blockOpen = true;
    return closing + event('content_block_start', { index, content_block: block });
  };
  const jsonDelta = (partial: string) => event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: partial } });
  return {
    open: () => event('message_start', { message: { ...messageShell(context), usage: fullUsage(context, 1) } }),
    chunk(chunk: ContentChunk) {
      if (chunk.kind === 'text') {
        const opening = blockOpen ? '' : startBlock({ type: 'text', text: '' }) + ping();
        return opening + event('content_block_delta', { index, delta: { type: 'text_delta', text: chunk.delta } });
      }
      const call = generation.toolCall;
      if (!(chunk.first && call)) return jsonDelta(chunk.delta);
      // A tool_use block opens with an empty input delta, as Anthropic sends it; a call without
      // arguments has nothing more.
      const opening = startBlock({ type: 'tool_use', id: call.id, name: call.name, input: {} }) + jsonDelta('') + ping();
      return chunk.delta === '' ? opening : opening + jsonDelta(chunk.delta);
    },
    finish() {
      const closing = blockOpen ? event('content_block_stop', { index }) : '';
      blockOpen = false;
      return (
        closing +
        event('message_delta', {
          delta: { stop_reason: stopReasons[generation.finishReason], stop_sequence: null },
          usage: usage(context),
        }) +
        event('message_stop')
      );
    },
    error: () => event('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }),
    malformed: () =>
      `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\n\n`,
  };
}
