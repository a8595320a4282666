import { describe, expect, it } from 'vitest';
import { createChatExtractor } from './chat-extractor.ts';
import { createResponsesExtractor } from './responses-extractor.ts';

const chunk = (delta: object, finish: string | null = null, extra: object = {}) =>
  JSON.stringify({ id: 'x', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }], ...extra });

describe('createChatExtractor', () => {
  it('stamps text, reasoning and tool input with their chunk, and assembles tool calls by index', () => {
    const extractor = createChatExtractor();
    extractor.onEvent(chunk({ reasoning_content: 'Thinking' }), 10);
    extractor.onEvent(chunk({ content: 'Hi' }), 20);
    extractor.onEvent(chunk({ tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"q":' } }] }), 30);
    extractor.onEvent(chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }), 30);
    extractor.onEvent(chunk({}, 'tool_calls'), 40);
    extractor.onEvent(JSON.stringify({ id: 'x', choices: [], usage: { prompt_tokens: 5, completion_tokens: 7 } }), 41);
    extractor.onEvent('[DONE]', 41);
    extractor.finish();
    const found = extractor.extraction;
    expect(found).toMatchObject({ output: 'Hi', firstOutputAt: 10, firstTextAt: 20, reasoningStreamed: true, finishReason: 'tool-calls', rawFinishReason: 'tool_calls' });
    expect(found.contentTimes).toEqual([10, 20, 30]);
    expect(found.contentCharacters).toEqual([8, 2, 'lookup'.length + '{"q":'.length + '"Paris"}'.length]);
    expect(found.toolCalls).toEqual([{ name: 'lookup', arguments: { q: 'Paris' } }]);
    // The SDK reports 0 cached and reasoning tokens when usage came without their details.
    expect(found.usage).toEqual({ inputTokens: 5, outputTokens: 7, inputTokenDetails: { cacheReadTokens: 0 }, outputTokenDetails: { reasoningTokens: 0 } });
    expect(found.streamError).toBeUndefined();
  });

  it('reads a refusal as text whose finish is content-filter', () => {
    const extractor = createChatExtractor();
    extractor.onEvent(chunk({ refusal: 'I cannot help with that.' }), 1);
    extractor.onEvent(chunk({}, 'stop'), 2);
    extractor.finish();
    expect(extractor.extraction).toMatchObject({ output: 'I cannot help with that.', finishReason: 'content-filter', rawFinishReason: 'stop' });
  });

  it('keeps the first error: unparsable data, then an error chunk; a stream with no finish reason is an error', () => {
    const extractor = createChatExtractor();
    extractor.onEvent('{"choices": [', 1);
    extractor.onEvent(JSON.stringify({ error: { message: 'boom', type: 'server_error' } }), 2);
    extractor.finish();
    expect(extractor.extraction.streamError).toMatchObject({ kind: 'parse', text: '{"choices": [' });
    expect(extractor.extraction.finishReason).toBe('error');

    const unfinished = createChatExtractor();
    unfinished.onEvent(chunk({ content: 'Hal' }), 1);
    unfinished.finish();
    expect(unfinished.extraction).toMatchObject({ output: 'Hal', finishReason: 'error', streamError: { kind: 'no-finish', message: 'Response stream ended without a finish reason.' } });
  });

  it('keeps unparsable tool arguments as their text, and empty ones as {}', () => {
    const extractor = createChatExtractor();
    extractor.onEvent(chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'one', arguments: '{oops' } }, { index: 1, id: 'b', function: { name: 'two', arguments: '' } }] }), 1);
    extractor.onEvent(chunk({}, 'tool_calls'), 2);
    extractor.finish();
    expect(extractor.extraction.toolCalls).toEqual([{ name: 'one', arguments: '{oops' }, { name: 'two', arguments: {} }]);
  });
});

describe('createResponsesExtractor', () => {
  const event = (type: string, fields: object = {}) => JSON.stringify({ type, ...fields });

  it('reads text, a function call and the usage of response.completed', () => {
    const extractor = createResponsesExtractor();
    extractor.onEvent(event('response.created', { response: {} }), 1);
    extractor.onEvent(event('response.output_text.delta', { delta: 'Hi' }), 5);
    extractor.onEvent(event('response.output_item.added', { output_index: 1, item: { type: 'function_call', id: 'fc', name: 'lookup', arguments: '' } }), 6);
    extractor.onEvent(event('response.function_call_arguments.delta', { delta: '{"q":"x"}' }), 7);
    extractor.onEvent(event('response.output_item.done', { output_index: 1, item: { type: 'function_call', id: 'fc', name: 'lookup', arguments: '{"q":"x"}' } }), 8);
    extractor.onEvent(event('response.completed', { response: { usage: { input_tokens: 4, output_tokens: 9, input_tokens_details: { cached_tokens: 3 }, output_tokens_details: { reasoning_tokens: 2 } } } }), 9);
    extractor.finish();
    expect(extractor.extraction).toMatchObject({
      output: 'Hi',
      toolCalls: [{ name: 'lookup', arguments: { q: 'x' } }],
      finishReason: 'tool-calls',
      usage: { inputTokens: 4, outputTokens: 9, inputTokenDetails: { cacheReadTokens: 3 }, outputTokenDetails: { reasoningTokens: 2 } },
      contentTimes: [5, 6, 7],
    });
  });

  it('maps an incomplete response cut by its token limit to length, and a stream that closes early to interrupted', () => {
    const extractor = createResponsesExtractor();
    extractor.onEvent(event('response.output_text.delta', { delta: 'Hi' }), 1);
    extractor.onEvent(event('response.incomplete', { response: { incomplete_details: { reason: 'max_output_tokens' } } }), 2);
    extractor.finish();
    expect(extractor.extraction).toMatchObject({ finishReason: 'length', rawFinishReason: 'max_output_tokens' });

    const cut = createResponsesExtractor();
    cut.onEvent(event('response.output_text.delta', { delta: 'Hi' }), 1);
    cut.finish();
    expect(cut.extraction.finishReason).toBe('interrupted');
  });

  it('halts at an error before any output (the SDK throws it as a failed call), and keeps reading after output', () => {
    const early = createResponsesExtractor();
    early.onEvent(event('response.created', { response: {} }), 1);
    early.onEvent(event('error', { code: 'server_error', message: 'boom' }), 2);
    early.onEvent(event('response.output_text.delta', { delta: 'late' }), 3);
    expect(early.stopped).toBe(true);
    expect(early.extraction).toMatchObject({ output: '', streamError: { kind: 'early' } });

    const late = createResponsesExtractor();
    late.onEvent(event('response.output_text.delta', { delta: 'Hi' }), 1);
    late.onEvent(event('error', { code: 'server_error', message: 'boom' }), 2);
    late.finish();
    expect(late.extraction).toMatchObject({ output: 'Hi', finishReason: 'error', rawFinishReason: 'error', streamError: { kind: 'event' } });
  });
});
