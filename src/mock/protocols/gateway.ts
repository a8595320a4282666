import type { IncomingHttpHeaders } from 'node:http';
import type { ContentChunk, FinishReason } from '../generation.ts';
import { flattenContent, type NormalizedMessage, type ToolChoice } from '../normalized-request.ts';
import { gatewayProviderMetadata, v4Usage } from './gateway-metadata.ts';
import { openAiRateLimitHeaders } from './openai-errors.ts';
import {
  invalidRequest,
  isRecord,
  positiveInteger,
  sseData,
  type ErrorKind,
  type MockError,
  type MockProtocol,
  type ParseResult,
  type ResponseContext,
  type StreamEncoder,
} from './protocol.ts';

const rawFinishReasons: Record<FinishReason, string> = { stop: 'stop', length: 'length', 'tool-calls': 'tool_calls' };

const gatewayErrors: Record<ErrorKind, { status: number; type: string }> = {
  invalid_json: { status: 400, type: 'invalid_request_error' },
  invalid_request: { status: 400, type: 'invalid_request_error' },
  model_not_found: { status: 404, type: 'model_not_found' },
  context_length: { status: 400, type: 'invalid_request_error' },
  rate_limit: { status: 429, type: 'rate_limit_exceeded' },
  auth: { status: 401, type: 'authentication_error' },
  server_error: { status: 500, type: 'internal_server_error' },
  unavailable: { status: 503, type: 'internal_server_error' },
  overloaded: { status: 529, type: 'internal_server_error' },
};

/** The AI Gateway protocol of `@ai-sdk/gateway`: the call options in, LanguageModelV4 stream parts out. */
export const gateway: MockProtocol = {
  name: 'gateway',
  idPrefix: 'gen_mock',
  toolCallIdPrefix: 'call_mock',
  requestIdHeader: 'x-request-id',
  parse,
  error(error) {
    const { status, type } = gatewayErrors[error.kind];
    const param = error.kind === 'model_not_found' ? { modelId: error.model } : null;
    return { status, body: { error: { message: messageOf(error), type, param, code: null } } };
  },
  // The gateway passes the upstream provider's wait on in OpenAI's headers.
  rateLimitHeaders: openAiRateLimitHeaders,
  encoder: createEncoder,
  completion(context) {
    const { generation } = context;
    const content: unknown[] = [];
    if (generation.text !== '') content.push({ type: 'text', text: generation.text });
    if (generation.toolCall) {
      const { id, name, arguments: input } = generation.toolCall;
      content.push({ type: 'tool-call', toolCallId: id, toolName: name, input });
    }
    return {
      content,
      finishReason: finishReason(context),
      usage: v4Usage(context),
      providerMetadata: { gateway: gatewayProviderMetadata(context) },
      response: responseMetadata(context),
      warnings: [],
    };
  },
};

function parse(body: unknown, headers: IncomingHttpHeaders): ParseResult {
  const model = headers['ai-language-model-id'];
  if (typeof model !== 'string' || model === '') {
    return invalidRequest('Missing ai-language-model-id header', { param: 'ai-language-model-id' });
  }
  if (!isRecord(body) || !Array.isArray(body.prompt) || body.prompt.length === 0) {
    return invalidRequest('Invalid request: prompt is required', { param: 'prompt' });
  }
  const messages: NormalizedMessage[] = [];
  for (const message of body.prompt) {
    if (!isRecord(message) || !['system', 'user', 'assistant', 'tool'].includes(String(message.role))) continue;
    messages.push({ role: message.role as NormalizedMessage['role'], ...flattenContent(message.content) });
  }
  const providerOptions = isRecord(body.providerOptions) ? body.providerOptions : {};
  const routing = isRecord(providerOptions.gateway) ? providerOptions.gateway : {};
  const maxOutputTokens = positiveInteger(body.maxOutputTokens);
  return {
    ok: true,
    request: {
      model,
      stream: headers['ai-language-model-streaming'] === 'true',
      messages,
      ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
      toolNames: Array.isArray(body.tools)
        ? body.tools.flatMap((tool) => (isRecord(tool) && typeof tool.name === 'string' ? [tool.name] : []))
        : [],
      toolChoice: toolChoiceOf(body.toolChoice),
      includeUsage: true,
      providerRouting: { ...stringList('only', routing.only), ...stringList('order', routing.order) },
    },
  };
}

/** LanguageModelV4ToolChoice: `{ type: 'auto' | 'none' | 'required' }` or `{ type: 'tool', toolName }`. */
function toolChoiceOf(value: unknown): ToolChoice {
  if (!isRecord(value)) return { type: 'auto' };
  if (value.type === 'none' || value.type === 'required') return { type: value.type };
  if (value.type === 'tool' && typeof value.toolName === 'string') return { type: 'tool', name: value.toolName };
  return { type: 'auto' };
}

function messageOf(error: MockError): string {
  switch (error.kind) {
    case 'invalid_json':
      return `Invalid JSON in request body: ${error.detail}`;
    case 'invalid_request':
      return error.message;
    case 'model_not_found':
      return `Model ${error.model} not found`;
    case 'context_length':
      return `The prompt is too long: ${error.inputTokens} tokens, the model's context window is ${error.contextWindow}.`;
    case 'rate_limit':
      return 'Rate limit exceeded';
    case 'auth':
      return 'Invalid API key';
    case 'server_error':
    case 'unavailable':
    case 'overloaded':
      return 'The upstream provider failed to respond.';
  }
}

function stringList<Key extends string>(key: Key, value: unknown): Partial<Record<Key, string[]>> {
  if (!Array.isArray(value)) return {};
  return { [key]: value.filter((item): item is string => typeof item === 'string') } as Partial<Record<Key, string[]>>;
}

function finishReason(context: ResponseContext) {
  const reason = context.generation.finishReason;
  return { unified: reason, raw: rawFinishReasons[reason] };
}

function responseMetadata(context: ResponseContext) {
  return {
    id: context.id,
    timestamp: new Date(context.createdSeconds * 1000).toISOString(),
    modelId: context.routing?.providerModelId ?? context.request.model,
  };
}

function createEncoder(context: ResponseContext): StreamEncoder {
  const { generation } = context;
  const textId = 'text-0';
  let textOpen = false;
  let firstContent = true;
  // The real gateway puts the generation id on the first content part so it survives a broken stream.
  const earlyMetadata = () => {
    if (!firstContent) return {};
    firstContent = false;
    return { providerMetadata: { gateway: { generationId: context.id } } };
  };
  const closeText = () => {
    if (!textOpen) return '';
    textOpen = false;
    return sseData({ type: 'text-end', id: textId });
  };
  return {
    open: () =>
      sseData({ type: 'stream-start', warnings: [] }) + sseData({ type: 'response-metadata', ...responseMetadata(context) }),
    chunk(chunk: ContentChunk) {
      if (chunk.kind === 'text') {
        const opening = textOpen ? '' : ((textOpen = true), sseData({ type: 'text-start', id: textId }));
        return opening + sseData({ type: 'text-delta', id: textId, delta: chunk.delta, ...earlyMetadata() });
      }
      const call = generation.toolCall;
      if (!call) return '';
      const opening = chunk.first ? closeText() + sseData({ type: 'tool-input-start', id: call.id, toolName: call.name }) : '';
      return opening + sseData({ type: 'tool-input-delta', id: call.id, delta: chunk.delta, ...earlyMetadata() });
    },
    finish() {
      const call = generation.toolCall;
      const toolParts = call
        ? sseData({ type: 'tool-input-end', id: call.id }) +
          sseData({ type: 'tool-call', toolCallId: call.id, toolName: call.name, input: call.arguments })
        : '';
      return (
        closeText() +
        toolParts +
        sseData({
          type: 'finish',
          finishReason: finishReason(context),
          usage: v4Usage(context),
          providerMetadata: { gateway: gatewayProviderMetadata(context) },
        })
      );
    },
    error: () =>
      sseData({
        type: 'error',
        error: { message: 'The upstream provider failed while streaming.', type: 'internal_server_error' },
      }),
    malformed: () => `data: {"type":"text-delta","id":"${textId}","delta":"\n\n`,
  };
}
