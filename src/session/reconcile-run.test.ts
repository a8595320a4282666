import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { constantMockProfiles } from '../mock/test-profiles.ts';
import { startMockServer } from '../mock/index.ts';
import type { AttemptRecord } from '../records/index.ts';
import { resolveTargets, type Target } from '../targets/index.ts';
import { reconcileGenerations, reconcileRun } from './reconcile-run.ts';
import { sampleGenerations } from './reconcile-sample.ts';

function record(target: string, caseId: string, fields: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    status: 'ok',
    caseId,
    target,
    prompt: 'default',
    repeat: 1,
    attempt: 1,
    final: true,
    startedAt: '2026-12-07T00:00:00.000Z',
    timing: { ttftMs: 100, e2eMs: 300 },
    usage: { inputTokens: 10, outputTokens: 5, estimated: false },
    output: 'x',
    generationId: `gen_${target}_${caseId}`,
    ...fields,
  } as AttemptRecord;
}

const fakeTarget = (label: string, lookup?: Target['generationInfo']) => ({ label, ...(lookup ? { generationInfo: lookup } : {}) }) as Target;

describe('sampleGenerations', () => {
  const records = [
    ...Array.from({ length: 20 }, (_item, index) => record('a', `c${index}`)),
    record('b', 'only'),
    record('b', 'failed', { status: 'error', error: { type: 'server', message: 'x', retryable: true } } as unknown as Partial<AttemptRecord>),
    record('b', 'retried', { final: false }),
    record('b', 'no-id', { generationId: undefined }),
    record('b', 'pipeline', { pipeline: {} as never }),
    record('a', 'step', { step: 'draft', stepTarget: 'c' }),
  ];

  it("draws up to N final answered generations per target from the seed, in slot order whatever order they came back in; a step counts for its step's target", () => {
    const sample = sampleGenerations(records, 5, 7);
    expect(sample.get('a')).toHaveLength(5);
    expect(sample.get('b')?.map((item) => item.caseId)).toEqual(['only']);
    expect(sample.get('c')?.map((item) => item.caseId)).toEqual(['step']);
    const order = sample.get('a')!.map((item) => item.caseId);
    expect(order).toEqual([...order].sort());
    // The same seed draws the same sample; another seed, another.
    expect(sampleGenerations(records, 5, 7).get('a')).toEqual(sample.get('a'));
    expect(sampleGenerations(records, 5, 8).get('a')).not.toEqual(sample.get('a'));
    expect(sampleGenerations(records, 50, 7).get('a')).toHaveLength(20);
    expect(sampleGenerations([...records].reverse(), 5, 7).get('a')).toEqual(sample.get('a'));
  });
});

describe('reconcileGenerations', () => {
  it('says so, and writes nothing, when the run has no gateway target', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'reconcile-'));
    try {
      const result = await reconcileRun(folder, { sample: 3, seed: 1, records: [record('direct', 'q1')], targets: [fakeTarget('direct')], redact: (text) => text });
      expect(result).toEqual({ notice: '--reconcile: no AI Gateway target in this run, so nothing to reconcile' });
      await expect(readFile(join(folder, 'reconciliation.json'))).rejects.toThrow();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('keeps a generation that cannot be fetched as a failure row, its message redacted, never an exception', async () => {
    const target = fakeTarget('gw', async (id) => {
      if (id.endsWith('q2')) throw new Error('401 Invalid API key sk-secret-key');
      return { id, totalCost: 0.002, latency: 80, generationTime: 250, providerName: 'openai', isByok: false } as Awaited<ReturnType<NonNullable<Target['generationInfo']>>>;
    });
    const { reconciliation, notice } = await reconcileGenerations({
      sample: 5,
      seed: 1,
      records: [record('gw', 'q1', { listCostUsd: 0.0019, gatewayCostUsd: 0.002 }), record('gw', 'q2')],
      targets: [target],
      redact: (text) => text.replaceAll('sk-secret-key', '[redacted]'),
      now: () => new Date('2026-12-07T10:00:00Z'),
    });
    expect(reconciliation).toEqual({
      fetchedAt: '2026-12-07T10:00:00.000Z',
      sample: 5,
      rows: [
        {
          target: 'gw', caseId: 'q1', repeat: 1, generationId: 'gen_gw_q1', ttftMs: 100, e2eMs: 300,
          gatewayLatencyMs: 80, gatewayGenerationTimeMs: 250, listCostUsd: 0.0019, reportedCostUsd: 0.002, gatewayTotalCostUsd: 0.002, providerName: 'openai', isByok: false,
        },
      ],
      failures: [{ target: 'gw', generationId: 'gen_gw_q2', message: '401 Invalid API key [redacted]' }],
    });
    expect(notice).toBe("--reconcile: the AI Gateway's record of 1 of 2 generations fetched (1 failed: see failures): reconciliation.json");
  });

  it("fetches the simulator's record through @ai-sdk/gateway with the target's own key and base URL", async () => {
    const server = await startMockServer({
      profiles: constantMockProfiles({ id: 'mini', provider: 'openai', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 20, tokensPerSecond: 1000, pricePerMillionTokens: { input: 1, output: 2 }, answer: { policy: 'fixed', text: 'Four words right here.' } }),
    });
    try {
      const environment = { AI_GATEWAY_BASE_URL: `${server.url}/v4/ai`, AI_GATEWAY_API_KEY: 'any' };
      const [target] = resolveTargets(['openai/gpt-4o-mini'], { environment, prices: new Map() });
      const result = streamText({ model: target!.createModel(fetch), prompt: 'Hi' });
      const generationId = ((await result.providerMetadata)?.gateway as { generationId: string }).generationId;
      const { reconciliation } = await reconcileGenerations({ sample: 1, seed: 1, records: [record(target!.label, 'q1', { generationId })], targets: [target!], redact: (text) => text });
      const [served] = server.requests();
      expect(reconciliation?.failures).toEqual([]);
      expect(reconciliation?.rows[0]).toMatchObject({ generationId, providerName: 'openai', isByok: false });
      expect(reconciliation?.rows[0]?.gatewayLatencyMs).toBeCloseTo(served!.chunkTimes[0]! - served!.arrivedAt, 0);
      expect(reconciliation?.rows[0]?.gatewayTotalCostUsd).toBeCloseTo(((served!.inputTokens * 1 + served!.outputTokens * 2) / 1e6) * 1.05, 15);
    } finally {
      await server.close();
    }
  });
});
