import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../src/datasets/index.ts';
import { constantMockProfiles, startMockServer, type MockFaultKind, type MockServer } from '../src/mock/index.ts';
import { loadTokenCounter } from '../src/runner/index.ts';
import { runAttempt } from '../src/runner/run-attempt.ts';
import { resolveTargets, type Target } from '../src/targets/index.ts';

/**
 * Each fault through each route's own provider package: the same fault must be the same
 * error_type whatever protocol carried it (the CLI-level suite, fault-kinds.test.ts, runs them
 * all on Chat Completions at several concurrencies).
 */
const expected: Array<[MockFaultKind, string]> = [
  ['rate_limit', 'rate_limited'],
  ['server_error', 'server_error'],
  ['unavailable', 'server_error'],
  ['overloaded', 'server_error'],
  ['auth', 'auth'],
  ['drop', 'network'],
  ['stall', 'timeout'],
  ['malformed', 'stream_error'],
  ['error_event', 'server_error'],
  ['html_error', 'server_error'],
];

describe('every fault kind through every route', () => {
  let server: MockServer;
  let targets: Target[];
  let countTokens: (text: string) => number;
  const testCase = { id: 'c', line: 1, messages: [{ role: 'user', content: 'hello there' }], assert: [] } as unknown as Case;

  beforeAll(async () => {
    server = await startMockServer({
      profiles: constantMockProfiles({ id: 'm', provider: 'openai', gatewayModel: 'openai/m', ttftMs: 5, tokensPerSecond: 1000, answer: { policy: 'fixed', text: 'one two three four five six' } }),
    });
    const key = 'simulator-accepts-any-key';
    const environment = {
      OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_API_KEY: key, ANTHROPIC_BASE_URL: `${server.url}/v1`, ANTHROPIC_API_KEY: key,
      AI_GATEWAY_BASE_URL: `${server.url}/v4/ai`, AI_GATEWAY_API_KEY: key,
    };
    targets = resolveTargets([`openai-compatible:m@${server.url}/v1`, 'openai:m', 'anthropic:m', 'openai/m'], { environment, prices: new Map() });
    countTokens = await loadTokenCounter();
  });
  afterAll(async () => server.close());

  it.each(expected)('%s is %s on Chat Completions, Responses, Anthropic Messages and the gateway', async (kind, errorType) => {
    const types: string[] = [];
    for (const target of targets) {
      await fetch(`${server.url}/__mock/faults`, { method: 'POST', body: JSON.stringify([{ kind, count: 1 }]) });
      const result = await runAttempt(target, testCase, { timeoutMs: 5000, stallTimeoutMs: 300 }, { redact: (text) => text, countTokens });
      types.push(`${target.spec.kind}: ${result.error?.type ?? 'ok'}`);
    }
    expect(types).toEqual(targets.map((target) => `${target.spec.kind}: ${errorType}`));
  });
});
