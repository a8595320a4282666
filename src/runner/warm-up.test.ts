import { describe, expect, it } from 'vitest';
import type { PlannedRequest } from './plan-run.ts';
import { warmupMaxOutputTokens, warmupRequest } from './warm-up.ts';

const request = (testCase: Record<string, unknown> = {}, target: Record<string, unknown> = {}) =>
  ({ testCase: { id: 'c1', messages: [{ role: 'user', content: 'hi' }], ...testCase }, target: { label: 't', ...target }, prompt: 'default', repeat: 0 }) as unknown as PlannedRequest;

describe('warmupRequest', () => {
  it('asks for at most 16 output tokens, without changing the case it was made from', () => {
    const first = request();
    expect(warmupRequest(first, {}).testCase.maxOutputTokens).toBe(warmupMaxOutputTokens);
    expect(warmupRequest(first, { maxOutputTokens: 300 }).testCase.maxOutputTokens).toBe(16);
    expect(first.testCase.maxOutputTokens).toBeUndefined();
  });

  it('keeps a smaller bound of the case, the target or --max-tokens', () => {
    expect(warmupRequest(request({ maxOutputTokens: 4 }), { maxOutputTokens: 300 }).testCase.maxOutputTokens).toBe(4);
    expect(warmupRequest(request({}, { maxOutputTokens: 8 }), { maxOutputTokens: 300 }).testCase.maxOutputTokens).toBe(8);
    expect(warmupRequest(request(), { maxOutputTokens: 2 }).testCase.maxOutputTokens).toBe(2);
  });

  it('sends the request as it is when the target sets provider options (a thinking budget needs more tokens), not for the gateway\'s routing', () => {
    const thinking = request({}, { providerOptions: { anthropic: { thinking: { type: 'enabled', budgetTokens: 1024 } } } });
    expect(warmupRequest(thinking, {})).toBe(thinking);
    const routed = request({}, { providerOptions: { gateway: { order: ['openai'] } } });
    expect(warmupRequest(routed, {}).testCase.maxOutputTokens).toBe(16);
  });
});
