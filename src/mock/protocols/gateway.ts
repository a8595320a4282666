import type { IncomingHttpHeaders } from 'node:http';
import type { ContentChunk, FinishReason } from '../generation.ts';
import { flattenContent, type NormalizedMessage, type ToolChoice } from '../normalized-request.ts';
import type { GatewayLedger } from '../gateway-ledger.ts';
import { resolveGatewayRoute, type GatewayRouteRequest } from '../gateway-route.ts';
import type { ModelRegistry } from '../model-registry.ts';
import type { MockRequestRecord } from '../request-record.ts';
import { gatewayCharge, gatewayProviderMetadata, v4Usage } from './gateway-metadata.ts';
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

/** A request in the ground truth, with what the simulated gateway made of its routing options. */
export type GatewayRequestRecord = MockRequestRecord & { gateway?: Omit<GatewayRouteRequest, 'only' | 'order'> & { servedModel: string } };

/** What the gateway protocol shares with its simulator: the models to route among, the ground truth, and its ledger of generations. */
export type GatewayProtocolState = { registry: ModelRegistry; records: MockRequestRecord[]; ledger: GatewayLedger };

/**
 * The AI Gateway protocol of `@ai-sdk/gateway`: the call options in, LanguageModelV4 stream parts
 * out; it routes by `providerOptions.gateway` (gateway-route.ts) and keeps each generation for
 * `GET /v1/generation`.
 */
export function createGatewayProtocol(state: GatewayProtocolState): MockProtocol {
  const keep = (context: ResponseContext) => {
    if (!context.routing) return;
    const { generation } = context;
    state.ledger.add({
      id: context.id,
      model: context.routing.gatewayModel,
      providerName: context.routing.provider,
      streamed: context.request.stream,
      finishReason: rawFinishReasons[generation.finishReason],
      charge: gatewayCharge(context),
      promptTokens: generation.inputTokens,
      completionTokens: generation.outputTokens,
      cachedTokens: generation.cachedInputTokens,
    });
  };
  return {
    name: 'gateway',
    idPrefix: 'gen_mock',
    toolCallIdPrefix: 'call_mock',
    requestIdHeader: 'x-request-id',
    parse: (body, headers) => parse(body, headers, state),
    error(error) {
      const { status, type } = gatewayErrors[error.kind];
      const param = error.kind === 'model_not_found' ? { modelId: error.model } : null;
      return { status, body: { error: { message: messageOf(error), type, param, code: null } } };
    },
    // The gateway passes the upstream provider's wait on in OpenAI's headers.
    rateLimitHeaders: openAiRateLimitHeaders,
    encoder: (context) => createEncoder(context, () => keep(context)),
    completion(context) {
      keep(context);
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
}

function parse(body: unknown, headers: IncomingHttpHeaders, state: GatewayProtocolState): ParseResult {
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
  const { model: servedModel, route } = resolveGatewayRoute(state.registry, model, providerOptions.gateway);
  // The request's record was pushed just before its body was parsed, with nothing in between:
  // the ground truth keeps what the gateway was asked (credentials left out).
  const record = state.records.at(-1) as GatewayRequestRecord | undefined;
  if (record && record.model === '' && record.status === 0) {
    const { only: _only, order: _order, ...asked } = route;
    record.gateway = { ...asked, servedModel };
  }
  const providerRouting: GatewayRouteRequest = route;
  const maxOutputTokens = positiveInteger(body.maxOutputTokens);
  return {
    ok: true,
    request: {
      model: servedModel,
      stream: headers['ai-language-model-streaming'] === 'true',
      messages,
      ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
      toolNames: Array.isArray(body.tools)
        ? body.tools.flatMap((tool) => (isRecord(tool) && typeof tool.name === 'string' ? [tool.name] : []))
        : [],
      toolChoice: toolChoiceOf(body.toolChoice),
      includeUsage: true,
      providerRouting,
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

function createEncoder(context: ResponseContext, onFinish: () => void): StreamEncoder {
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
      onFinish();
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
