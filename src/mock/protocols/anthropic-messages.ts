import type { ContentChunk, FinishReason } from '../generation.ts';
import { flattenContent, type NormalizedMessage, type ToolChoice } from '../normalized-request.ts';
import {
  isRecord,
  positiveInteger,
  sseEvent,
  type ErrorKind,
  type MockProtocol,
  type ParseResult,
  type ResponseContext,
  type StreamEncoder,
} from './protocol.ts';

const stopReasons: Record<FinishReason, string> = { stop: 'end_turn', length: 'max_tokens', 'tool-calls': 'tool_use' };

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

/** Anthropic Messages, `POST /v1/messages`: message_start ... message_stop. */
export const anthropicMessages: MockProtocol = {
  name: 'anthropic-messages',
  idPrefix: 'msg_mock',
  toolCallIdPrefix: 'toolu_mock',
  parse,
  error(kind, message) {
    const { status, type } = anthropicErrors[kind];
    return { status, body: { type: 'error', error: { type, message } } };
  },
  encoder: createEncoder,
  completion(context) {
    const { generation } = context;
    const content: unknown[] = [];
    if (generation.text !== '' || !generation.toolCall) content.push({ type: 'text', text: generation.text });
    if (generation.toolCall) {
      const { id, name, arguments: input } = generation.toolCall;
      content.push({ type: 'tool_use', id, name, input: parseInput(input) });
    }
    return { ...messageShell(context), content, stop_reason: stopReasons[generation.finishReason], usage: usage(context) };
  },
};

function parse(body: unknown): ParseResult {
  if (!isRecord(body)) return { ok: false, message: 'Request body must be a JSON object' };
  if (typeof body.model !== 'string' || body.model === '') return { ok: false, message: 'model: Field required' };
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return { ok: false, message: 'messages: Field required' };
  }
  const maxOutputTokens = positiveInteger(body.max_tokens);
  if (maxOutputTokens === undefined) return { ok: false, message: 'max_tokens: Field required' };
  const messages: NormalizedMessage[] = [];
  if (body.system !== undefined) messages.push({ role: 'system', ...flattenContent(body.system) });
  for (const [index, message] of body.messages.entries()) {
    if (!isRecord(message) || (message.role !== 'user' && message.role !== 'assistant')) {
      return { ok: false, message: `messages.${index}.role: Input should be 'user' or 'assistant'` };
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

function usage(context: ResponseContext, outputTokens = context.generation.outputTokens) {
  return {
    input_tokens: context.generation.inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: outputTokens,
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
    return closing + event('content_block_start', { index, content_block: block }) + ping();
  };
  return {
    open: () =>
      event('message_start', {
        message: { ...messageShell(context), usage: { ...usage(context, 1), service_tier: 'standard' } },
      }),
    chunk(chunk: ContentChunk) {
      if (chunk.kind === 'text') {
        const opening = blockOpen ? '' : startBlock({ type: 'text', text: '' });
        return opening + event('content_block_delta', { index, delta: { type: 'text_delta', text: chunk.delta } });
      }
      const call = generation.toolCall;
      const opening =
        chunk.first && call ? startBlock({ type: 'tool_use', id: call.id, name: call.name, input: {} }) : '';
      return (
        opening + event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: chunk.delta } })
      );
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
