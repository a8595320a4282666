import { streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/case.ts';
import { resolveTargets, type Target } from '../targets/index.ts';
import { prepareRequest } from './lean/prepared-request.ts';
import { measureStream } from './measure-stream.ts';
import { streamTextOptions } from './stream-text-options.ts';
import { createTransportTimes } from './timed-fetch.ts';

const environment = { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'k-test' };
const targetOf = (spec: string): Target => resolveTargets([spec], { environment, prices: new Map() })[0]!;
const testCase: Case = {
  id: 'c1',
  line: 1,
  system: 'Answer in French.',
  messages: [{ role: 'user', content: 'What is the capital of Italy?' }],
  assert: [],
  tags: [],
  vars: {},
};
const settings = { timeoutMs: 30_000, stallTimeoutMs: 30_000 };

/** The JSON body the target's provider package sends for the case (nothing is sent). */
async function sentBody(target: Target, testCase: Case, cacheBust: boolean): Promise<Record<string, unknown>> {
  let body: string | undefined;
  const keep: typeof fetch = async (input, init) => {
    body = await new Request(input, init).text();
    return new Response('', { status: 500 });
  };
  const result = streamText({ model: target.createModel(keep), ...streamTextOptions(target, testCase, { ...settings, cacheBust }), onError: () => {} });
  await measureStream(result.fullStream, createTransportTimes());
  return JSON.parse(body!) as Record<string, unknown>;
}

const nonceText = /^\[cache-bust [0-9a-f]{24}\]$/;

describe('--cache-bust: a fresh nonce at the very start of every prompt, the case intact after it', () => {
  it('Chat Completions: a system message with the nonce first, then the case system message and messages unchanged', async () => {
    const target = targetOf('openai-compatible:m@http://127.0.0.1:9/v1');
    const plain = await sentBody(target, testCase, false);
    const busted = await sentBody(target, testCase, true);
    const messages = busted.messages as Array<{ role: string; content: string }>;
    expect(messages[0]?.role).toBe('system');
    expect(messages[0]?.content).toMatch(nonceText);
    expect(messages.slice(1)).toEqual(plain.messages);
    expect(messages.at(-1)).toEqual({ role: 'user', content: 'What is the capital of Italy?' });
  });

  it('the Responses API: the nonce is the first input item, the instructions follow as they were', async () => {
    const target = targetOf('openai:gpt-4o-mini');
    const plain = await sentBody(target, testCase, false);
    const busted = await sentBody(target, testCase, true);
    const input = busted.input as Array<{ role: string; content: unknown }>;
    expect(input[0]?.role).toMatch(/^(system|developer)$/);
    expect(input[0]?.content).toMatch(nonceText);
    expect(input.slice(1)).toEqual(plain.input);
  });

  it('Anthropic Messages: the nonce is the first block of `system`, the case system prompt the second', async () => {
    const target = targetOf('anthropic:claude-x');
    const plain = await sentBody(target, testCase, false);
    const busted = await sentBody(target, testCase, true);
    const system = busted.system as Array<{ type: string; text: string }>;
    expect(system).toHaveLength(2);
    expect(system[0]?.text).toMatch(nonceText);
    expect(system.slice(1)).toEqual(plain.system);
    expect(busted.messages).toEqual(plain.messages);
  });

  it('a case without a system prompt gets the nonce alone as its system message', async () => {
    const { system: _system, ...noSystem } = testCase;
    const busted = await sentBody(targetOf('openai-compatible:m@http://127.0.0.1:9/v1'), noSystem, true);
    const messages = busted.messages as Array<{ role: string; content: string }>;
    expect(messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(messages[0]?.content).toMatch(nonceText);
  });

  it('every call gets its own nonce, never the same twice; without --cache-bust the prompt has none', async () => {
    const target = targetOf('openai-compatible:m@http://127.0.0.1:9/v1');
    const nonces = new Set<string>();
    for (let index = 0; index < 50; index++) {
      const options = streamTextOptions(target, testCase, { ...settings, cacheBust: true });
      nonces.add(JSON.stringify(options.instructions));
    }
    expect(nonces.size).toBe(50);
    expect(streamTextOptions(target, testCase, settings).instructions).toBe('Answer in French.');
  });

  it('the lean engine: the captured body gets a fresh nonce on every send, and is otherwise the SDK engine\'s', async () => {
    const target = targetOf('openai-compatible:m@http://127.0.0.1:9/v1');
    const sends = await Promise.all(Array.from({ length: 5 }, () => prepareRequest(target, testCase, { ...settings, cacheBust: true })));
    const bodies = sends.map((send) => JSON.parse(send.body) as { messages: Array<{ role: string; content: string }> });
    const nonces = new Set(bodies.map((body) => body.messages[0]?.content));
    expect(nonces.size).toBe(5);
    for (const nonce of nonces) expect(nonce).toMatch(nonceText);
    const sdk = await sentBody(target, testCase, true);
    expect(bodies[0]!.messages.slice(1)).toEqual((sdk.messages as unknown[]).slice(1));
    // Same length as the placeholder: a Content-Length taken at capture still holds.
    expect(new Set(sends.map((send) => send.body.length)).size).toBe(1);
    const plain = await prepareRequest(target, testCase, settings);
    expect(plain.body).not.toContain('cache-bust');
  });
});
