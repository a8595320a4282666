import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import type { AttemptRecord } from '../src/records/index.ts';
import type { Reconciliation } from '../src/records/reconciliation.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readJsonLines, testPrices } from './support/run-folder.ts';

// --reconcile N through the CLI: after the run, the gateway's own record of a sample of its
// generations (getGenerationInfo through @ai-sdk/gateway), against the simulator's own figures.
const price = { input: 0.15, output: 0.6, cachedInput: 0.075 };
const profiles = constantMockProfiles(
  { id: 'gpt-4o-mini', provider: 'openai', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 25, tokensPerSecond: 500, pricePerMillionTokens: price, answer: { policy: 'fixed', text: 'A short simulated answer.' } },
);
const key = 'simulator-accepts-any-key';

describe('--reconcile', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;

  beforeAll(async () => {
    server = await startMockServer({ profiles });
    workspace = await makeWorkspace();
    await workspace.write('cases.jsonl', jsonl(['one', 'two', 'three', 'four'].map((id) => ({ id, prompt: `Case ${id}?` }))));
    await workspace.write('prices.yaml', testPrices(['openai/gpt-4o-mini', 'gpt-4o-mini']));
  });

  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  const run = (out: string, targets: string[]) =>
    runCli(['run', '-d', 'cases.jsonl', '--prices', 'prices.yaml', '--warmup', '0', '--out', out, '--reconcile', '2', ...targets.flatMap((target) => ['--target', target])], {
      cwd: workspace.path,
      env: { AI_GATEWAY_BASE_URL: `${server.url}/v4/ai`, AI_GATEWAY_API_KEY: key, OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_API_KEY: key },
    });

  it("writes reconciliation.json: N gateway generations per gateway target, with the gateway's latency, generation time and cost beside ours", async () => {
    const result = await run('both', ['openai/gpt-4o-mini', 'openai:gpt-4o-mini']);
    expect(result.exitCode).toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain("--reconcile: the AI Gateway's record of 2 of 2 generations fetched: reconciliation.json");
    const reconciliation = JSON.parse(await readFile(join(workspace.path, 'both', 'reconciliation.json'), 'utf8')) as Reconciliation;
    const records = await readJsonLines<AttemptRecord>(join(workspace.path, 'both', 'results.jsonl'));
    expect(reconciliation.sample).toBe(2);
    expect(reconciliation.failures).toEqual([]);
    // Only the gateway target: the direct OpenAI one has no generation to ask about.
    expect(reconciliation.rows.map((row) => row.target)).toEqual(['openai/gpt-4o-mini', 'openai/gpt-4o-mini']);
    const served = new Map(server.requests().map((request) => [request.id, request]));
    for (const row of reconciliation.rows) {
      const ours = records.find((record) => record.generationId === row.generationId)!;
      const truth = served.get(row.generationId)!;
      expect(row).toMatchObject({ caseId: ours.caseId, repeat: 1, providerName: 'openai', isByok: false, ttftMs: ours.timing.ttftMs, e2eMs: ours.timing.e2eMs });
      // The gateway's figures are the simulator's own: from arrival to its first and last writes.
      expect(row.gatewayLatencyMs).toBeCloseTo(truth.chunkTimes[0]! - truth.arrivedAt, 0);
      expect(row.gatewayGenerationTimeMs).toBeCloseTo(truth.chunkTimes.at(-1)! - truth.arrivedAt, 0);
      expect(row.gatewayLatencyMs).toBeGreaterThanOrEqual(25);
      // Both costs: the stream's report is the gateway's record, and both are list price plus 5%.
      expect(row.gatewayTotalCostUsd).toBeCloseTo(row.reportedCostUsd!, 15);
      expect(row.gatewayTotalCostUsd).toBeCloseTo(row.listCostUsd! * 1.05, 12);
    }
    // The same seed asks about the same generations.
    const again = await run('again', ['openai/gpt-4o-mini']);
    expect(again.exitCode).toBe(0);
    const second = JSON.parse(await readFile(join(workspace.path, 'again', 'reconciliation.json'), 'utf8')) as Reconciliation;
    expect(second.rows.map((row) => row.caseId)).toEqual(reconciliation.rows.map((row) => row.caseId));
  });

  it('says so when the run has no gateway target, and writes no file', async () => {
    const result = await run('direct', ['openai:gpt-4o-mini']);
    expect(result.exitCode).toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('--reconcile: no AI Gateway target in this run, so nothing to reconcile');
    expect(existsSync(join(workspace.path, 'direct', 'reconciliation.json'))).toBe(false);
  });
});
