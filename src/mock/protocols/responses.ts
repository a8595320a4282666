import type { ContentChunk } from '../generation.ts';
import { flattenContent, type NormalizedMessage, type ToolChoice } from '../normalized-request.ts';
import { createOpenAiError, openAiRateLimitHeaders } from './openai-errors.ts';
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
import { obfuscation } from './obfuscation.ts';
import { finalOutput, functionCallItem, messageItem, outputTextPart, responseObject } from './responses-shapes.ts';

/** A finished response's usage, with the prompt cache's tokens in `input_tokens_details.cached_tokens` (part of `input_tokens`). */
function doneUsage({ generation }: ResponseContext) {
  return {
    usage: {
      input_tokens: generation.inputTokens,
      input_tokens_details: { cached_tokens: generation.cachedInputTokens },
      output_tokens: generation.outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: generation.inputTokens + generation.outputTokens,
    },
  };
}

/** OpenAI Responses API, `POST /v1/responses`: what `openai('gpt-4o-mini')` speaks by default. */
export const responses: MockProtocol = {
  name: 'responses',
  idPrefix: 'resp_mock',
  toolCallIdPrefix: 'call_mock',
  requestIdHeader: 'x-request-id',
  parse,
  error: createOpenAiError('responses'),
  rateLimitHeaders: openAiRateLimitHeaders,
  encoder: createEncoder,
  completion(context) {
    const status = context.generation.finishReason === 'length' ? 'incomplete' : 'completed';
    return responseObject(context, status, finalOutput(context, itemIds(context).message, itemIds(context).functionCall), doneUsage(context));
  },
};

function itemIds(context: ResponseContext) {
  const suffix = context.id.slice('resp_'.length);
  return { message: `msg_${suffix}`, functionCall: `fc_${suffix}` };
}

function parse(body: unknown): ParseResult {
  if (!isRecord(body)) return invalidRequest('The request body must be a JSON object.');
  if (typeof body.model !== 'string' || body.model === '') {
    return invalidRequest("Missing required parameter: 'model'.", { param: 'model', code: 'missing_required_parameter' });
  }
  const messages: NormalizedMessage[] = [];
  if (typeof body.instructions === 'string') messages.push({ role: 'system', text: body.instructions, imageCount: 0 });
  if (typeof body.input === 'string') messages.push({ role: 'user', text: body.input, imageCount: 0 });
  else if (Array.isArray(body.input) && body.input.length > 0) {
    for (const item of body.input) {
      if (!isRecord(item)) continue;
      if (item.type === 'function_call_output') {
        messages.push({ role: 'tool', text: String(item.output ?? ''), imageCount: 0 });
      } else if (typeof item.role === 'string') {
        const role = item.role === 'developer' || item.role === 'system' ? 'system' : item.role === 'assistant' ? 'assistant' : 'user';
        messages.push({ role, ...flattenContent(item.content) });
      }
    }
  } else {
    return invalidRequest("Missing required parameter: 'input'.", { param: 'input', code: 'missing_required_parameter' });
  }
  const maxOutputTokens = positiveInteger(body.max_output_tokens);
  return {
    ok: true,
    request: {
      model: body.model,
      stream: body.stream === true,
      messages,
      ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
      toolNames: Array.isArray(body.tools)
        ? body.tools.flatMap((tool) => (isRecord(tool) && typeof tool.name === 'string' ? [tool.name] : []))
        : [],
      toolChoice: toolChoiceOf(body.tool_choice),
      includeUsage: true,
    },
  };
}

/** `"none"`, `"auto"`, `"required"` or `{ type: 'function', name }`. */
function toolChoiceOf(value: unknown): ToolChoice {
  if (value === 'none' || value === 'required') return { type: value };
  if (isRecord(value) && value.type === 'function' && typeof value.name === 'string') return { type: 'tool', name: value.name };
  return { type: 'auto' };
}

function createEncoder(context: ResponseContext): StreamEncoder {
  const { generation } = context;
  const ids = itemIds(context);
  let sequence = 0;
  let outputIndex = -1;
  let open: 'none' | 'message' | 'function' = 'none';
  const event = (type: string, fields: Record<string, unknown>) =>
    sseEvent(type, { type, sequence_number: sequence++, ...fields });

  const openMessage = () => {
    outputIndex++;
    open = 'message';
    return (
      event('response.output_item.added', { output_index: outputIndex, item: messageItem(ids.message, '', 'in_progress') }) +
      event('response.content_part.added', {
        item_id: ids.message,
        output_index: outputIndex,
        content_index: 0,
        part: outputTextPart(''),
      })
    );
  };
  const closeOpenItem = () => {
    const wasOpen = open;
    open = 'none';
    if (wasOpen === 'message') {
      const where = { item_id: ids.message, output_index: outputIndex, content_index: 0 };
      return (
        event('response.output_text.done', { ...where, text: generation.text, logprobs: [] }) +
        event('response.content_part.done', { ...where, part: outputTextPart(generation.text) }) +
        event('response.output_item.done', {
          output_index: outputIndex,
          item: messageItem(ids.message, generation.text, 'completed'),
        })
      );
    }
    if (wasOpen === 'function' && generation.toolCall) {
      return (
        event('response.function_call_arguments.done', {
          item_id: ids.functionCall,
          output_index: outputIndex,
          arguments: generation.toolCall.arguments,
        }) +
        event('response.output_item.done', {
          output_index: outputIndex,
          item: functionCallItem(ids.functionCall, generation.toolCall, 'completed'),
        })
      );
    }
    return '';
  };

  return {
    open: () =>
      event('response.created', { response: responseObject(context, 'in_progress', []) }) +
      event('response.in_progress', { response: responseObject(context, 'in_progress', []) }),
    chunk(chunk: ContentChunk) {
      if (chunk.kind === 'text') {
        const opening = open === 'message' ? '' : openMessage();
        return (
          opening +
          event('response.output_text.delta', {
            item_id: ids.message,
            output_index: outputIndex,
            content_index: 0,
            delta: chunk.delta,
            logprobs: [],
            obfuscation: obfuscation(chunk.delta),
          })
        );
      }
      let opening = '';
      if (chunk.first && generation.toolCall) {
        opening = closeOpenItem();
        outputIndex++;
        open = 'function';
        opening += event('response.output_item.added', {
          output_index: outputIndex,
          item: functionCallItem(ids.functionCall, generation.toolCall, 'in_progress'),
        });
      }
      return (
        opening +
        event('response.function_call_arguments.delta', {
          item_id: ids.functionCall,
          output_index: outputIndex,
          delta: chunk.delta,
          obfuscation: obfuscation(chunk.delta),
        })
      );
    },
    finish() {
      // A response with nothing to say still has an (empty) message item.
      const opening = outputIndex === -1 && !generation.toolCall ? openMessage() : '';
      const status = generation.finishReason === 'length' ? 'incomplete' : 'completed';
      return (
        opening +
        closeOpenItem() +
        event(`response.${status}`, {
          response: responseObject(context, status, finalOutput(context, ids.message, ids.functionCall), doneUsage(context)),
        })
      );
    },
    error() {
      const message = 'The server had an error while processing your request. Sorry about that!';
      return (
        event('error', { error: { type: 'server_error', code: 'server_error', message, param: null } }) +
        event('response.failed', {
          response: responseObject(context, 'failed', [], { error: { code: 'server_error', message }, usage: null }),
        })
      );
    },
    malformed: () =>
      `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":"${ids.message}","delta":"\n\n`,
  };
}
