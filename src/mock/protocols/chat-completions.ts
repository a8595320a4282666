import type { ContentChunk, FinishReason, Generation } from '../generation.ts';
import { flattenContent, type NormalizedMessage, type ToolChoice } from '../normalized-request.ts';
import { obfuscation } from './obfuscation.ts';
import { createOpenAiError, openAiRateLimitHeaders, openAiUsage } from './openai-errors.ts';
import {
  invalidRequest,
  isRecord,
  positiveInteger,
  sseData,
  type MockProtocol,
  type ParseResult,
  type ResponseContext,
  type StreamEncoder,
} from './protocol.ts';

const finishReasons: Record<FinishReason, string> = { stop: 'stop', length: 'length', 'tool-calls': 'tool_calls' };
const systemFingerprint = 'fp_mock0001';

/** The usage, with the prompt cache's tokens in `prompt_tokens_details.cached_tokens` (part of `prompt_tokens`). */
function chatUsage(generation: Generation) {
  const usage = openAiUsage(generation.inputTokens, generation.outputTokens);
  return { ...usage, prompt_tokens_details: { ...usage.prompt_tokens_details, cached_tokens: generation.cachedInputTokens } };
}

/** OpenAI Chat Completions, `POST /v1/chat/completions`, as api.openai.com streams it. */
export const chatCompletions: MockProtocol = {
  name: 'chat-completions',
  idPrefix: 'chatcmpl-mock',
  toolCallIdPrefix: 'call_mock',
  requestIdHeader: 'x-request-id',
  parse,
  error: createOpenAiError('chat'),
  rateLimitHeaders: openAiRateLimitHeaders,
  encoder: createEncoder,
  completion(context) {
    const { generation, request } = context;
    const toolCall = generation.toolCall;
    return {
      id: context.id,
      object: 'chat.completion',
      created: context.createdSeconds,
      model: request.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: toolCall && generation.text === '' ? null : generation.text,
            refusal: null,
            ...(toolCall
              ? { tool_calls: [{ id: toolCall.id, type: 'function', function: { name: toolCall.name, arguments: toolCall.arguments } }] }
              : {}),
            annotations: [],
          },
          logprobs: null,
          finish_reason: finishReasons[generation.finishReason],
        },
      ],
      usage: chatUsage(generation),
      service_tier: 'default',
      system_fingerprint: systemFingerprint,
    };
  },
};

function parse(body: unknown): ParseResult {
  if (!isRecord(body)) return invalidRequest('The request body must be a JSON object.');
  // OpenAI's own words, parameter and code for each, as its API sends them.
  if (typeof body.model !== 'string' || body.model === '') return invalidRequest('you must provide a model parameter');
  if (body.messages === undefined) {
    return invalidRequest("Missing required parameter: 'messages'.", { param: 'messages', code: 'missing_required_parameter' });
  }
  if (!Array.isArray(body.messages)) {
    const got = body.messages === null ? 'null' : typeof body.messages;
    return invalidRequest(`Invalid type for 'messages': expected an array of objects, but got ${got === 'object' ? 'an object' : `a ${got}`} instead.`, {
      param: 'messages',
      code: 'invalid_type',
    });
  }
  if (body.messages.length === 0) {
    return invalidRequest(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      { param: 'messages', code: 'empty_array' },
    );
  }
  const messages: NormalizedMessage[] = [];
  for (const [index, message] of body.messages.entries()) {
    if (!isRecord(message) || !['system', 'developer', 'user', 'assistant', 'tool'].includes(String(message.role))) {
      const role = isRecord(message) ? String(message.role) : '';
      return invalidRequest(
        `Invalid value: '${role}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        { param: `messages[${index}].role`, code: 'invalid_value' },
      );
    }
    const role = message.role === 'developer' ? 'system' : (message.role as NormalizedMessage['role']);
    messages.push({ role, ...flattenContent(message.content) });
  }
  const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
  const maxOutputTokens = positiveInteger(body.max_completion_tokens) ?? positiveInteger(body.max_tokens);
  return {
    ok: true,
    request: {
      model: body.model,
      stream: body.stream === true,
      messages,
      ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
      toolNames: Array.isArray(body.tools)
        ? body.tools.flatMap((tool) => (isRecord(tool) && isRecord(tool.function) ? [String(tool.function.name)] : []))
        : [],
      toolChoice: toolChoiceOf(body.tool_choice),
      includeUsage: streamOptions.include_usage === true,
    },
  };
}

/** `"none"`, `"auto"`, `"required"` or `{ type: 'function', function: { name } }`. */
function toolChoiceOf(value: unknown): ToolChoice {
  if (value === 'none' || value === 'required') return { type: value };
  if (isRecord(value) && isRecord(value.function) && typeof value.function.name === 'string') {
    return { type: 'tool', name: value.function.name };
  }
  return { type: 'auto' };
}

function createEncoder(context: ResponseContext): StreamEncoder {
  const { generation, request } = context;
  let started = false;
  // What every chunk of the stream shares, serialized once: each chunk is then the JSON.stringify
  // of its object, byte for byte, without serializing the same fields a hundred times.
  const head = `data: {"id":${JSON.stringify(context.id)},"object":"chat.completion.chunk","created":${JSON.stringify(context.createdSeconds)},"model":${JSON.stringify(request.model)},"service_tier":"default","system_fingerprint":${JSON.stringify(systemFingerprint)},"choices":[{"index":0,"delta":`;
  const usage = request.includeUsage ? ',"usage":null' : '';
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
    `${head}${JSON.stringify(delta)},"logprobs":null,"finish_reason":${JSON.stringify(finishReason)}}]${usage},"obfuscation":${JSON.stringify(obfuscation(typeof delta.content === 'string' ? delta.content : ''))}}\n\n`;
  // The first chunk carries the role; OpenAI sends it just ahead of the first token.
  const start = (content: string | null) => {
    if (started) return '';
    started = true;
    return chunk({ role: 'assistant', content, refusal: null });
  };
  const toolCall = generation.toolCall;
  return {
    open: () => '',
    chunk(part: ContentChunk) {
      if (part.kind === 'text') return start('') + chunk({ content: part.delta });
      const opening =
        part.first && toolCall
          ? chunk({
              ...(started ? {} : { role: 'assistant', content: null }),
              tool_calls: [{ index: 0, id: toolCall.id, type: 'function', function: { name: toolCall.name, arguments: '' } }],
            })
          : '';
      started = true;
      return opening + chunk({ tool_calls: [{ index: 0, function: { arguments: part.delta } }] });
    },
    finish() {
      const usage = request.includeUsage
        ? sseData({
            id: context.id,
            object: 'chat.completion.chunk',
            created: context.createdSeconds,
            model: request.model,
            service_tier: 'default',
            system_fingerprint: systemFingerprint,
            choices: [],
            usage: chatUsage(generation),
            obfuscation: obfuscation(''),
          })
        : '';
      return start('') + chunk({}, finishReasons[generation.finishReason]) + usage + 'data: [DONE]\n\n';
    },
    error: () =>
      sseData({
        error: {
          message: 'The server had an error while processing your request. Sorry about that!',
          type: 'server_error',
          param: null,
          code: null,
        },
      }),
    malformed: () => `data: {"id":"${context.id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\n\n`,
  };
}
