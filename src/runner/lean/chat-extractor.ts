import { isRecord, createExtractionState, openAiUsage, type StreamExtractor } from './stream-extractor.ts';

const finishReasons: Record<string, string> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  function_call: 'tool-calls',
  tool_calls: 'tool-calls',
};

type PendingCall = { name?: string; arguments: string; started: boolean };

/**
 * Chat Completions chunks, read as @ai-sdk/openai-compatible reads them: text and refusals,
 * `reasoning_content` (or `reasoning`), tool calls by index, the last `usage`, the finish reason;
 * an error chunk or unparsable data is the stream's error (the first one is kept, as measureStream keeps it).
 */
export function createChatExtractor(): StreamExtractor {
  const state = createExtractionState();
  const calls = new Map<number, PendingCall>();
  let rawFinishReason: string | undefined;
  let failed = false;
  let usage: Record<string, unknown> | undefined;
  let refusal = false;
  let lastAt = 0;
  return {
    extraction: state.extraction,
    get stopped() {
      return state.stopped;
    },
    onEvent(data, at) {
      if (state.stopped || data === '[DONE]') return;
      lastAt = at;
      let value: unknown;
      try {
        value = JSON.parse(data);
      } catch (error) {
        failed = true;
        state.fail({ kind: 'parse', text: data, message: (error as Error).message });
        return;
      }
      if (!isRecord(value)) return;
      if ('error' in value) {
        failed = true;
        state.fail({ kind: 'event', value: value.error });
        return;
      }
      if (isRecord(value.usage)) usage = value.usage;
      const choice = Array.isArray(value.choices) ? value.choices[0] : undefined;
      if (!isRecord(choice)) return;
      if (typeof choice.finish_reason === 'string') rawFinishReason = choice.finish_reason;
      const delta = choice.delta;
      if (!isRecord(delta)) return;
      const reasoning = delta.reasoning_content ?? delta.reasoning;
      if (typeof reasoning === 'string') state.reasoning(reasoning, at);
      if (typeof delta.content === 'string') state.text(delta.content, at);
      else if (Array.isArray(delta.content)) {
        for (const part of delta.content) if (isRecord(part) && typeof part.text === 'string') state.text(part.text, at);
      }
      if (typeof delta.refusal === 'string' && delta.refusal.length > 0) {
        refusal = true;
        state.text(delta.refusal, at);
      }
      if (Array.isArray(delta.tool_calls)) for (const call of delta.tool_calls) toolCallDelta(call, at);
    },
    finish() {
      for (const [, call] of calls) closeCall(call, lastAt);
      calls.clear();
      const unified = rawFinishReason !== undefined ? (rawFinishReason === 'stop' && refusal ? 'content-filter' : (finishReasons[rawFinishReason] ?? 'other')) : 'error';
      if (rawFinishReason === undefined && !failed) state.fail({ kind: 'no-finish', message: 'Response stream ended without a finish reason.' });
      state.end(
        unified,
        rawFinishReason,
        usage ? openAiUsage(usage.prompt_tokens ?? 0, usage.completion_tokens ?? 0, (usage.prompt_tokens_details as Record<string, unknown> | undefined)?.cached_tokens, (usage.completion_tokens_details as Record<string, unknown> | undefined)?.reasoning_tokens) : undefined,
      );
    },
  };

  function toolCallDelta(delta: unknown, at: number) {
    if (!isRecord(delta)) return;
    const index = typeof delta.index === 'number' ? delta.index : calls.size;
    let call = calls.get(index);
    if (!call) calls.set(index, (call = { arguments: '', started: false }));
    const fn = isRecord(delta.function) ? delta.function : {};
    if (typeof fn.name === 'string' && call.name === undefined) call.name = fn.name;
    const piece = typeof fn.arguments === 'string' ? fn.arguments : '';
    if (!call.started && call.name !== undefined) {
      call.started = true;
      state.toolInput(call.name.length, at);
      state.toolInput(call.arguments.length, at);
    }
    call.arguments += piece;
    if (call.started) state.toolInput(piece.length, at);
  }

  function closeCall(call: PendingCall, at: number) {
    if (call.name === undefined) return;
    state.toolCall(call.name, call.arguments, at, call.started);
  }
}
