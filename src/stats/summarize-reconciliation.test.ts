import { describe, expect, it } from 'vitest';
import type { ReconciledGeneration } from '../records/reconciliation.ts';
import { summarizeReconciliation } from './summarize-reconciliation.ts';

const row = (index: number, overrides: Partial<ReconciledGeneration> = {}): ReconciledGeneration => ({
  target: 'gateway:openai/gpt-4o-mini',
  caseId: `q${index}`,
  repeat: 1,
  generationId: `gen_${index}`,
  ttftMs: 300 + index,
  e2eMs: 900 + index,
  gatewayLatencyMs: 250,
  gatewayGenerationTimeMs: 800,
  listCostUsd: 0.001,
  reportedCostUsd: 0.0011,
  gatewayTotalCostUsd: 0.0011,
  providerName: 'openai',
  isByok: false,
  ...overrides,
});

describe('summarizeReconciliation', () => {
  it("gives per target the network-and-harness share of TTFT and the gateway's cost against the list price", () => {
    const rows = Array.from({ length: 6 }, (_, index) => row(index));
    const [summary] = summarizeReconciliation({ fetchedAt: '2026-12-07T18:00:00.000Z', sample: 6, rows, failures: [{ target: rows[0]!.target, generationId: 'gen_x', message: 'not found' }] });
    expect(summary).toMatchObject({ target: 'gateway:openai/gpt-4o-mini', n: 6, failures: 1, costCompared: 6, reportedCompared: 6 });
    // Our TTFT 300..305 minus the gateway's 250: a median of 52.5 ms outside the gateway.
    expect(summary!.networkShareP50Ms).toMatchObject({ estimate: 52.5, low: 50, high: 55 });
    expect(summary!.e2eMinusGenerationP50Ms).toMatchObject({ estimate: 102.5 });
    expect(summary!.listCostUsd).toBeCloseTo(0.006, 12);
    expect(summary!.gatewayTotalCostUsd).toBeCloseTo(0.0066, 12);
    expect(summary!.costDiffPercent).toBeCloseTo(10, 9);
    expect(summary!.reportedDiffUsd).toBeCloseTo(0, 12);
  });

  it('leaves out of a difference the rows that lack a figure, and lists a target whose every fetch failed', () => {
    const summaries = summarizeReconciliation({
      fetchedAt: '', sample: 2,
      rows: [row(1, { ttftMs: undefined, listCostUsd: undefined })],
      failures: [{ target: 'other', generationId: 'gen_9', message: 'HTTP 500' }],
    });
    expect(summaries.map((summary) => summary.target)).toEqual(['gateway:openai/gpt-4o-mini', 'other']);
    expect(summaries[0]).toMatchObject({ n: 1, networkShareP50Ms: undefined, costCompared: 0, listCostUsd: undefined, costDiffUsd: undefined });
    expect(summaries[1]).toMatchObject({ n: 0, failures: 1, ttftP50Ms: undefined });
  });
});
