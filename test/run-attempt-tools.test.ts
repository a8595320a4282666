import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../src/datasets/case.ts';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { loadTokenCounter } from '../src/runner/index.ts';
import { runAttempt } from '../src/runner/run-attempt.ts';
import { resolveTargets } from '../src/targets/index.ts';

describe('runAttempt with tools and structured output, through the real packages', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({
      profiles: constantMockProfiles(
        { id: 'caller', ttftMs: 20, answer: { policy: 'fixed', text: '', toolCall: { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } } } },
        { id: 'json', ttftMs: 20, answer: { policy: 'fixed', text: '{"name":"Ada","age":36}' } },
      ),
    });
  });
  afterAll(() => server.close());

  const attempt = async (spec: string, testCase: Partial<Case>) => {
    const [target] = resolveTargets([spec], { environment: { OPENAI_API_KEY: 'test-key-123456', OPENAI_BASE_URL: `${server.url}/v1` }, prices: new Map() });
    const base: Case = { id: 'c', line: 1, messages: [{ role: 'user', content: 'What is the weather in Paris?' }], assert: [], tags: [], vars: {} };
    return runAttempt(target!, { ...base, ...testCase }, { timeoutMs: 5000, stallTimeoutMs: 5000 }, { redact: (text) => text, countTokens: await loadTokenCounter() });
  };

  const tools = [
    { name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } }, required: ['city'] } },
  ];

  for (const spec of ['openai-compatible:caller@URL/v1', 'openai:caller']) {
    it(`records the tool call the model made (${spec.split(":")[0]})`, async () => {
      const result = await attempt(spec.replace('URL', server.url), { tools, toolChoice: 'required' });
      expect(result.error).toBeUndefined();
      expect(result.toolCalls).toEqual([{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }]);
      expect(result.finishReason).toBe('tool-calls');
      expect(result.timing.firstOutputMs).toBeGreaterThan(0);
      expect(result.timing.ttftMs).toBeUndefined();
    });
  }

  it('asks for structured output when the case has a schema, and keeps the JSON text as the output', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'number' } }, required: ['name', 'age'] };
    const result = await attempt(`openai-compatible:json@${server.url}/v1`, { schema });
    expect(result.error).toBeUndefined();
    expect(JSON.parse(result.output)).toEqual({ name: 'Ada', age: 36 });
  });
});
