import { describe, expect, it } from 'vitest';
import { withDefaults } from '../config/settings/eval-settings.ts';
import type { Case } from '../datasets/case.ts';
import { caseHash } from '../records/case-hash.ts';
import { buildManifest, type RunManifest } from './run-manifest.ts';
import type { PreviousRun } from './run-folder.ts';

const testCase = (id: string, expected: string): Case => ({ id, line: 1, messages: [{ role: 'user', content: `question ${id}` }], expected, assert: [], tags: [], vars: {} });

function manifestOf(cases: Case[], previous?: PreviousRun): RunManifest {
  const settings = withDefaults({ datasets: ['smoke.jsonl'], targets: ['simulated:openai:gpt-4o-mini'] });
  return buildManifest({
    settings,
    cwd: '/work',
    force: false,
    argv: [],
    previous,
    folder: '/work/reports/run-1',
    datasets: [{ name: 'smoke', path: 'smoke.jsonl', hash: 'abc', cases }],
    datasetsHash: 'abc',
    targets: [],
    identity: { datasetSha256: 'abc', targets: ['simulated:openai:gpt-4o-mini'], prompts: ['default'], repeats: 1 },
    configHash: 'config',
    redact: (text) => text,
    slotsAlreadyDone: 0,
  });
}

describe('buildManifest: case hashes', () => {
  it("records every case's content hash by id, in the dataset's order", () => {
    const cases = [testCase('q2', 'b'), testCase('q1', 'a'), testCase('__proto__', 'c')];
    const [dataset] = manifestOf(cases).datasets;
    expect(Object.entries(dataset?.caseHashes ?? {})).toEqual([
      ['q2', caseHash(cases[0]!)],
      ['q1', caseHash(cases[1]!)],
      ['__proto__', caseHash(cases[2]!)],
    ]);
  });

  it('gives two cases with other expected answers other hashes', () => {
    const hashes = manifestOf([testCase('q1', 'a'), testCase('q2', 'a')]).datasets[0]?.caseHashes ?? {};
    const edited = manifestOf([testCase('q1', 'a'), testCase('q2', 'changed')]).datasets[0]?.caseHashes ?? {};
    expect(edited.q1).toBe(hashes.q1);
    expect(edited.q2).not.toBe(hashes.q2);
  });

  it('keeps, on a resume, the hashes the run recorded first, and hashes the cases it had none for', () => {
    const first = manifestOf([testCase('q1', 'a')]);
    const recorded = { ...first, datasets: first.datasets.map((dataset) => ({ ...dataset, caseHashes: { q1: 'recorded-first' } })) };
    const resumed = manifestOf([testCase('q1', 'a'), testCase('q2', 'b')], { manifest: recorded, records: [], droppedTornLine: false });
    expect(resumed.datasets[0]?.caseHashes).toEqual({ q1: 'recorded-first', q2: caseHash(testCase('q2', 'b')) });
  });
});
