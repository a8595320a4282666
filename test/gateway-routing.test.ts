import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import type { GatewayRequestRecord } from '../src/mock/protocols/gateway.ts';
import type { AttemptRecord } from '../src/records/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readJsonLines, testPrices } from './support/run-folder.ts';

// A target's `gateway:` routing options, from the eval file through the real @ai-sdk/gateway to
// the simulator, and what the records keep of the routing metadata that comes back.
const price = { input: 0.15, output: 0.6, cachedInput: 0.075 };
const profiles = constantMockProfiles(
  { id: 'mini-openai', provider: 'openai', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 30, tokensPerSecond: 2000, pricePerMillionTokens: price, answer: { policy: 'fixed', text: 'From OpenAI.' } },
  { id: 'mini-azure', provider: 'azure', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 5, tokensPerSecond: 2000, pricePerMillionTokens: price, answer: { policy: 'fixed', text: 'From Azure.' } },
  // OpenAI's gpt-4o always fails first: the gateway falls back to Azure.
  { id: '4o-openai', provider: 'openai', gatewayModel: 'openai/gpt-4o', ttftMs: 5, tokensPerSecond: 2000, pricePerMillionTokens: price, faultRates: { server_error: 1 }, answer: { policy: 'fixed', text: 'Never.' } },
  { id: '4o-azure', provider: 'azure', gatewayModel: 'openai/gpt-4o', ttftMs: 5, tokensPerSecond: 2000, pricePerMillionTokens: price, answer: { policy: 'fixed', text: 'From Azure 4o.' } },
  { id: 'haiku', provider: 'anthropic', gatewayModel: 'anthropic/claude-haiku-4.5', ttftMs: 5, tokensPerSecond: 2000, pricePerMillionTokens: price, answer: { policy: 'fixed', text: 'From Haiku.' } },
);
const byokKey = 'sk-byok-user-secret-0123456789';

const evalFile = `datasets: [cases.jsonl]
prices: prices.yaml
targets:
  - target: openai/gpt-4o-mini
    label: fastest
    gateway: { sort: ttft, zeroDataRetention: true, tags: [bench], user: bench-user }
  - target: openai/gpt-4o-mini@openai
    label: byok
    gateway:
      byok: { openai: [{ apiKey: ${byokKey} }] }
  - target: openai/gpt-4o
    label: fallback
  - target: openai/gpt-4o-mini
    label: other-model
    gateway: { only: [anthropic], models: [anthropic/claude-haiku-4.5] }
run:
  warmup: 0
  retries: 0
`;

describe("a target's gateway routing options, end to end", () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let exitCode: number | null;
  let records: AttemptRecord[];
  let runFolderText: string;

  beforeAll(async () => {
    server = await startMockServer({ profiles });
    workspace = await makeWorkspace();
    await workspace.write('cases.jsonl', jsonl([{ id: 'q1', prompt: 'Who serves?' }, { id: 'q2', prompt: 'Who else?' }]));
    await workspace.write('prices.yaml', testPrices(['openai/gpt-4o-mini', 'openai/gpt-4o', 'anthropic/claude-haiku-4.5']));
    await workspace.write('llm-bench.yaml', evalFile);
    const result = await runCli(['run', '--out', 'run'], {
      cwd: workspace.path,
      env: { AI_GATEWAY_BASE_URL: `${server.url}/v4/ai`, AI_GATEWAY_API_KEY: 'simulator-accepts-any-key' },
    });
    exitCode = result.exitCode;
    records = await readJsonLines<AttemptRecord>(join(workspace.path, 'run', 'results.jsonl'));
    runFolderText = (await Promise.all(['results.jsonl', 'run.json'].map((name) => readFile(join(workspace.path, 'run', name), 'utf8')))).join('\n');
  });

  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  const of = (target: string) => records.filter((record) => record.target === target);

  it('sends every option to the gateway as providerOptions.gateway, merged with the spec, byok credentials redacted', () => {
    expect(exitCode).toBe(0);
    const asked = (server.requests() as GatewayRequestRecord[]).map((request) => request.gateway?.options);
    expect(asked).toContainEqual({ sort: 'ttft', zeroDataRetention: true, tags: ['bench'], user: 'bench-user' });
    expect(asked).toContainEqual({ only: ['openai'], byok: ['openai'] });
    expect(asked).toContainEqual({ only: ['anthropic'], models: ['anthropic/claude-haiku-4.5'] });
    expect(runFolderText).not.toContain(byokKey);
  });

  it('records the generation id, the provider that served, the fallbacks taken and the credential type', () => {
    const issued = new Set(server.requests().map((request) => request.id));
    expect(records).toHaveLength(8);
    expect(records.every((record) => record.status === 'ok' && record.generationId !== undefined && issued.has(record.generationId))).toBe(true);
    expect(of('fastest').map((record) => [record.servedBy, record.fallbacks, record.credentialType])).toEqual([
      ['azure', [], 'system'],
      ['azure', [], 'system'],
    ]);
    expect(of('byok').map((record) => [record.servedBy, record.credentialType])).toEqual([
      ['openai', 'byok'],
      ['openai', 'byok'],
    ]);
    expect(of('fallback').map((record) => [record.output, record.servedBy, record.fallbacks])).toEqual([
      ['From Azure 4o.', 'azure', ['openai']],
      ['From Azure 4o.', 'azure', ['openai']],
    ]);
    expect(of('other-model').map((record) => [record.output, record.servedBy])).toEqual([
      ['From Haiku.', 'anthropic/claude-haiku-4.5@anthropic'],
      ['From Haiku.', 'anthropic/claude-haiku-4.5@anthropic'],
    ]);
  });

  it("keeps both costs: the price table's and the gateway's, which adds the simulator's 5% on system credentials", () => {
    for (const record of records) {
      expect(record.listCostUsd).toBeGreaterThan(0);
      expect(record.costUsd).toBe(record.gatewayCostUsd);
      expect(record.costSource).toBe('gateway');
      const surcharge = record.credentialType === 'byok' ? 1 : 1.05;
      expect(record.gatewayCostUsd).toBeCloseTo(record.listCostUsd! * surcharge, 12);
    }
  });
});

describe("a target's gateway options, refused before anything is sent", () => {
  it('names the file, the line and the option meant; and refuses them on a target that is not the gateway', async () => {
    const workspace = await makeWorkspace();
    try {
      await workspace.write('cases.jsonl', jsonl([{ id: 'q1', prompt: 'Hi' }]));
      await workspace.write('llm-bench.yaml', 'datasets: [cases.jsonl]\ntargets:\n  - target: simulated:openai/gpt-4o-mini\n    gateway: { sortt: ttft }\n');
      const typo = await runCli(['run', '--out', 'run'], { cwd: workspace.path });
      expect(typo.exitCode).toBe(2);
      expect(typo.stderr).toMatch(/llm-bench\.yaml:4.*targets\[0\]\.gateway\.sortt.*did you mean targets\[0\]\.gateway\.sort\?/);
      await workspace.write('llm-bench.yaml', 'datasets: [cases.jsonl]\ntargets:\n  - target: simulated:openai:gpt-4o-mini\n    gateway: { sort: ttft }\n');
      const direct = await runCli(['run', '--out', 'run'], { cwd: workspace.path });
      expect(direct.exitCode).toBe(2);
      expect(direct.stderr).toContain('gateway: routing options are for AI Gateway targets');
      expect(existsSync(join(workspace.path, 'run'))).toBe(false);
    } finally {
      await workspace.remove();
    }
  });
});
