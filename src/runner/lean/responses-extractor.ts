import { isRecord, createExtractionState, openAiUsage, type StreamExtractor } from './stream-extractor.ts';

type Call = { name: string; arguments: string };

/**
 * OpenAI Responses API events, read as @ai-sdk/openai reads them: output text, reasoning
 * summaries, function calls (their name when the item is added, their arguments when it is done),
 * the finish and usage of `response.completed`/`incomplete`/`failed`, and `error` events. A
 * stream that closes before its end is `interrupted`, as the SDK says.
 */
export function createResponsesExtractor(): StreamExtractor {
  const state = createExtractionState();
  const calls = new Map<string, Call>();
  let hasFunctionCall = false;
  let failed = false;
  let finishReason = 'interrupted';
  let rawFinishReason: string | undefined;
  let usage: Record<string, unknown> | undefined;
  // @ai-sdk/openai throws an error frame that comes before any output as a failed call (and
  // stops waiting for one 50 ms after `response.in_progress`): see throwIfOpenAIStreamErrorBeforeOutput.
  let outputSeen = false;
  let acceptedAt: number | undefined;
  let lastEventAt = 0;
  const early = (at: number) => !outputSeen && (acceptedAt === undefined || at - lastEventAt <= acceptedGraceMs);
  return {
    extraction: state.extraction,
    get stopped() {
      return state.stopped;
    },
    onEvent(data, at) {
      if (state.stopped) return;
      let value: unknown;
      try {
        value = JSON.parse(data);
      } catch (error) {
        failed = true;
        finishReason = 'error';
        state.fail({ kind: 'parse', text: data, message: (error as Error).message });
        return;
      }
      if (!isRecord(value)) return;
      const type = value.type;
      const errorFrame = type === 'error' || (type === 'response.failed' && isRecord(value.response) && value.response.error != null);
      if (errorFrame && early(at)) {
        state.halt({ kind: 'early', value });
        return;
      }
      if (type === 'response.in_progress') acceptedAt ??= at;
      else if (type !== 'response.created' && type !== 'response.failed' && type !== 'error') outputSeen = true;
      lastEventAt = at;
      const item = isRecord(value.item) ? value.item : undefined;
      switch (value.type) {
        case 'response.output_text.delta':
          if (typeof value.delta === 'string') state.text(value.delta, at);
          break;
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta':
          if (typeof value.delta === 'string') state.reasoning(value.delta, at);
          break;
        case 'response.output_item.added':
          if (item?.type === 'function_call' && typeof item.name === 'string') {
            calls.set(String(item.id ?? value.output_index), { name: item.name, arguments: '' });
            state.toolInput(item.name.length, at);
          }
          break;
        case 'response.function_call_arguments.delta':
          if (typeof value.delta === 'string') state.toolInput(value.delta.length, at);
          break;
        case 'response.output_item.done':
          if (item?.type === 'function_call' && typeof item.name === 'string') {
            hasFunctionCall = true;
            const key = String(item.id ?? value.output_index);
            const streamed = calls.delete(key);
            state.toolCall(item.name, typeof item.arguments === 'string' ? item.arguments : '', at, streamed);
          }
          break;
        case 'response.completed':
        case 'response.incomplete': {
          const response = isRecord(value.response) ? value.response : {};
          const reason = isRecord(response.incomplete_details) ? response.incomplete_details.reason : undefined;
          if (!failed) {
            finishReason = mapFinish(reason, hasFunctionCall);
            rawFinishReason = typeof reason === 'string' ? reason : undefined;
          }
          usage = isRecord(response.usage) ? response.usage : undefined;
          break;
        }
        case 'response.failed': {
          const response = isRecord(value.response) ? value.response : {};
          const reason = isRecord(response.incomplete_details) ? response.incomplete_details.reason : undefined;
          finishReason = typeof reason === 'string' && reason ? mapFinish(reason, hasFunctionCall) : 'error';
          rawFinishReason = typeof reason === 'string' && reason ? reason : 'error';
          usage = isRecord(response.usage) ? response.usage : undefined;
          if (!failed && response.error != null) {
            failed = true;
            state.fail({ kind: 'event', value: { type: 'response.failed', response: { error: response.error } } });
          }
          break;
        }
        case 'error':
          failed = true;
          finishReason = 'error';
          rawFinishReason = 'error';
          state.fail({ kind: 'event', value });
          break;
        default:
          break;
      }
    },
    finish() {
      const details = (name: string) => (usage?.[name] as Record<string, unknown> | undefined) ?? undefined;
      state.end(
        finishReason,
        rawFinishReason,
        usage ? openAiUsage(usage.input_tokens, usage.output_tokens, details('input_tokens_details')?.cached_tokens, details('output_tokens_details')?.reasoning_tokens) : undefined,
      );
    },
  };
}

const acceptedGraceMs = 50;

function mapFinish(reason: unknown, hasFunctionCall: boolean): string {
  if (reason === undefined || reason === null) return hasFunctionCall ? 'tool-calls' : 'stop';
  if (reason === 'max_output_tokens') return 'length';
  if (reason === 'content_filter') return 'content-filter';
  return hasFunctionCall ? 'tool-calls' : 'other';
}
