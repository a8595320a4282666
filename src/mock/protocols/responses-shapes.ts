import type { ResponseContext } from './protocol.ts';

/** The `response` object as the Responses API carries it in created/completed events and bodies. */
export function responseObject(
  context: ResponseContext,
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed',
  output: unknown[],
  extra: Record<string, unknown> = {},
) {
  const { generation, request } = context;
  const done = status !== 'in_progress';
  return {
    id: context.id,
    object: 'response',
    created_at: context.createdSeconds,
    status,
    background: false,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    instructions: null,
    max_output_tokens: request.maxOutputTokens ?? null,
    max_tool_calls: null,
    model: request.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    prompt_cache_key: null,
    prompt_cache_retention: null,
    reasoning: { effort: null, summary: null },
    safety_identifier: null,
    service_tier: done ? 'default' : 'auto',
    store: true,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_logprobs: 0,
    top_p: 1,
    truncation: 'disabled',
    usage: done
      ? {
          input_tokens: generation.inputTokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: generation.outputTokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: generation.inputTokens + generation.outputTokens,
        }
      : null,
    user: null,
    metadata: {},
    ...extra,
  };
}

export function messageItem(id: string, text: string, status: 'in_progress' | 'completed') {
  return {
    id,
    type: 'message',
    status,
    content: status === 'completed' ? [outputTextPart(text)] : [],
    role: 'assistant',
  };
}

export function outputTextPart(text: string) {
  return { type: 'output_text', annotations: [], logprobs: [], text };
}

export function functionCallItem(
  id: string,
  call: { id: string; name: string; arguments: string },
  status: 'in_progress' | 'completed',
) {
  return {
    id,
    type: 'function_call',
    status,
    arguments: status === 'completed' ? call.arguments : '',
    call_id: call.id,
    name: call.name,
  };
}

/** Every output item of a finished response, in order. */
export function finalOutput(context: ResponseContext, messageId: string, functionCallId: string): unknown[] {
  const { generation } = context;
  const output: unknown[] = [];
  if (generation.text !== '' || !generation.toolCall) output.push(messageItem(messageId, generation.text, 'completed'));
  if (generation.toolCall) output.push(functionCallItem(functionCallId, generation.toolCall, 'completed'));
  return output;
}
