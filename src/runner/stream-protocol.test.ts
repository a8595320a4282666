import { describe, expect, it } from 'vitest';
import { streamProtocolOf } from './stream-protocol.ts';

describe('streamProtocolOf', () => {
  it('knows each route by the path its provider package posts to, query string and trailing slash aside', () => {
    expect(streamProtocolOf('http://127.0.0.1:8000/v1/chat/completions')?.name).toBe('Chat Completions');
    expect(streamProtocolOf('https://api.openai.com/v1/responses')?.name).toBe('Responses API');
    expect(streamProtocolOf('https://r.openai.azure.com/openai/v1/responses?api-version=v1')?.name).toBe('Responses API');
    expect(streamProtocolOf('https://api.anthropic.com/v1/messages/')?.name).toBe('Anthropic Messages');
    expect(streamProtocolOf('https://ai-gateway.vercel.sh/v4/ai/language-model')?.name).toBe('AI Gateway');
    expect(streamProtocolOf('https://api.openai.com/v1/models')).toBeUndefined();
    expect(streamProtocolOf('not a url')).toBeUndefined();
  });

  it('ends Chat Completions at a finish_reason with a value, however the chunk is spaced', () => {
    const chat = streamProtocolOf('http://h/v1/chat/completions')!;
    expect(chat.mayEnd('{"choices":[{"delta":{},"finish_reason":null}]}')).toBe(false);
    expect(chat.mayEnd('{"choices":[{"delta":{},"finish_reason" : "length"}]}')).toBe(true);
    expect(chat.isEndEvent({ choices: [{ finish_reason: 'tool_calls' }] })).toBe(true);
    expect(chat.isEndEvent({ choices: [{ finish_reason: null }] })).toBe(false);
  });
});
