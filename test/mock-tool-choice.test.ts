import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';

/**
 * A real API never calls a tool the request did not declare, nor any tool under tool choice
 * `none`. The simulated model below always wants to call `weather`; each protocol must let it
 * only when the request allows it, and otherwise answer with the text.
 */
const profiles = constantMockProfiles({
  id: 'caller',
  provider: 'openai',
  gatewayModel: 'openai/caller',
  ttftMs: 5,
  tokensPerSecond: 5000,
  answer: { policy: 'fixed', text: 'Let me check.', toolCall: { name: 'weather', arguments: { city: 'Oslo' } } },
});

type Request = { tools?: string[]; choice?: 'auto' | 'none' | 'required' | { tool: string } };
type Reply = { text: string; toolNames: string[]; finish: string };

/** One non-streaming call per protocol, in that protocol's own words for tools and tool choice. */
const protocols: Record<string, (url: string, request: Request) => Promise<Reply>> = {
  async 'chat-completions'(url, { tools, choice }) {
    const body = {
      model: 'caller',
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      ...(tools ? { tools: tools.map((name) => ({ type: 'function', function: { name, parameters: { type: 'object' } } })) } : {}),
      ...(choice ? { tool_choice: typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.tool } } } : {}),
    };
    const { choices } = await post(`${url}/v1/chat/completions`, body);
    const message = choices[0].message;
    return {
      text: message.content ?? '',
      toolNames: (message.tool_calls ?? []).map((call: { function: { name: string } }) => call.function.name),
      finish: choices[0].finish_reason,
    };
  },
  async responses(url, { tools, choice }) {
    const body = {
      model: 'caller',
      input: 'Weather in Oslo?',
      ...(tools ? { tools: tools.map((name) => ({ type: 'function', name, parameters: { type: 'object' } })) } : {}),
      ...(choice ? { tool_choice: typeof choice === 'string' ? choice : { type: 'function', name: choice.tool } } : {}),
    };
    const { output, status } = await post(`${url}/v1/responses`, body);
    type Item = { type: string; name?: string; content?: Array<{ text: string }> };
    return {
      text: (output as Item[]).flatMap((item) => item.content ?? []).map((part) => part.text).join(''),
      toolNames: (output as Item[]).filter((item) => item.type === 'function_call').map((item) => item.name!),
      finish: status,
    };
  },
  async 'anthropic-messages'(url, { tools, choice }) {
    const anthropicChoice =
      choice === undefined ? undefined : typeof choice === 'string' ? { type: choice === 'required' ? 'any' : choice } : { type: 'tool', name: choice.tool };
    const body = {
      model: 'caller',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      ...(tools ? { tools: tools.map((name) => ({ name, input_schema: { type: 'object' } })) } : {}),
      ...(anthropicChoice ? { tool_choice: anthropicChoice } : {}),
    };
    const { content, stop_reason } = await post(`${url}/v1/messages`, body);
    type Block = { type: string; text?: string; name?: string };
    return {
      text: (content as Block[]).map((block) => block.text ?? '').join(''),
      toolNames: (content as Block[]).filter((block) => block.type === 'tool_use').map((block) => block.name!),
      finish: stop_reason,
    };
  },
  async gateway(url, { tools, choice }) {
    const body = {
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Oslo?' }] }],
      ...(tools ? { tools: tools.map((name) => ({ type: 'function', name, inputSchema: { type: 'object' } })) } : {}),
      ...(choice ? { toolChoice: typeof choice === 'string' ? { type: choice } : { type: 'tool', toolName: choice.tool } } : {}),
    };
    const headers = { 'ai-language-model-id': 'openai/caller', 'ai-language-model-streaming': 'false' };
    const { content, finishReason } = await post(`${url}/v4/ai/language-model`, body, headers);
    type Part = { type: string; text?: string; toolName?: string };
    return {
      text: (content as Part[]).map((part) => part.text ?? '').join(''),
      toolNames: (content as Part[]).filter((part) => part.type === 'tool-call').map((part) => part.toolName!),
      finish: finishReason.unified,
    };
  },
};

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return response.json();
}

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ profiles });
});
afterAll(() => server.close());

describe.each(Object.keys(protocols))('%s: tool calls only for declared tools', (name) => {
  const call = (request: Request) => protocols[name]!(server.url, request);

  it('calls the tool when it is declared (tool choice auto, required or that tool)', async () => {
    for (const choice of [undefined, 'auto', 'required', { tool: 'weather' }] as const) {
      const reply = await call({ tools: ['weather'], ...(choice ? { choice } : {}) });
      expect(reply.toolNames, JSON.stringify(choice)).toEqual(['weather']);
      expect(reply.text).toBe('Let me check.');
    }
  });

  it.each([
    ['no tools at all', {}],
    ['only another tool', { tools: ['search'] }],
    ['tool choice none', { tools: ['weather'], choice: 'none' }],
    ['another tool forced', { tools: ['weather', 'search'], choice: { tool: 'search' } }],
  ] satisfies Array<[string, Request]>)('answers with the text and no call: %s', async (_label, request) => {
    const reply = await call(request);
    expect(reply.toolNames).toEqual([]);
    expect(reply.text).toBe('Let me check.');
    expect(reply.finish).toMatch(/^(stop|end_turn|completed)$/);
  });
});
