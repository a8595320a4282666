import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/case.ts';
import { slotKey } from '../records/index.ts';
import { planRun } from '../runner/plan-run.ts';
import type { Target } from '../targets/index.ts';
import { planOrderOf } from './merge-order.ts';
import type { RunManifest } from './run-manifest.ts';

const testCase = (id: string, dataset?: string): Case => ({ id, line: 1, messages: [{ role: 'user', content: id }], assert: [], tags: [], vars: {}, ...(dataset ? { dataset } : {}) });

function manifestOf(datasets: Array<{ name: string; ids: string[] }>, targets: string[], prompts: string[], repeats: number): RunManifest {
  return {
    datasets: datasets.map((dataset) => ({ name: dataset.name, path: `/${dataset.name}.jsonl`, sha256: 'x', cases: dataset.ids.length, caseHashes: Object.fromEntries(dataset.ids.map((id) => [id, 'h'])) })),
    targets: targets.map((label) => ({ label })),
    identity: { datasetSha256: 'x', targets, prompts, repeats },
  } as unknown as RunManifest;
}

describe('planOrderOf', () => {
  it("gives each slot the order the run's own plan gave it: several datasets, prompt variants, repeats", () => {
    const cases = [testCase('q1', 'smoke'), testCase('q2', 'smoke'), testCase('q1', 'other')];
    const variants = ['terse', 'polite'].map((label) => ({ label, apply: (original: Case) => original }));
    const plan = planRun({ cases, targets: [{ label: 'x' }, { label: 'y' }] as Target[], repeats: 2, variants });
    const order = planOrderOf(manifestOf([{ name: 'smoke', ids: ['q1', 'q2'] }, { name: 'other', ids: ['q1'] }], ['x', 'y'], ['terse abc', 'polite def'], 2));
    expect(order.size).toBe(24);
    for (const request of plan.requests) {
      expect(order.get(slotKey({ dataset: request.testCase.dataset, caseId: request.testCase.id, target: request.target.label, prompt: request.prompt, repeat: request.repeat }))).toBe(request.order);
    }
  });

  it('keys a single dataset’s slots without a dataset name, as its records are written', () => {
    const order = planOrderOf(manifestOf([{ name: 'smoke', ids: ['a', 'b'] }], ['x'], ['default'], 1));
    expect(order.get(slotKey({ caseId: 'b', target: 'x', prompt: 'default', repeat: 1 }))).toBe(1);
  });
});
