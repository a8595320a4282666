import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadComparedRun } from '../src/session/load-compared-run.ts';
import { ChangedCasesError, pairRuns } from '../src/stats/pair-runs.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';

const cases = [
  { id: 'add', prompt: 'What is 2+2?', expected: '4' },
  { id: 'capital', prompt: 'What is the capital of France?', expected: 'Paris' },
  { id: 'multiply', prompt: 'What is 6 times 7?', expected: '42' },
  { id: 'colour', prompt: 'What colour is a clear daytime sky?', expected: 'blue' },
];

/**
 * What `compare` reads, from run folders the real CLI wrote against the built-in simulator: two
 * runs of one dataset pair every case; a copy of the dataset with one expected answer edited is
 * refused for that case alone.
 */
describe('pairing two run folders', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  const folders = { base: '', again: '', edited: '' };

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await workspace.write('cases.jsonl', jsonl(cases));
    await mkdir(path.join(workspace.path, 'copy'));
    await workspace.write('copy/cases.jsonl', jsonl(cases.map((item) => (item.id === 'multiply' ? { ...item, expected: '43' } : item))));
    const runOn = async (dataset: string, out: string) => {
      const result = await runCli(['run', '-d', dataset, '-t', 'simulated:openai:gpt-4o-mini', '--warmup', '0', '--out', out], { cwd: workspace.path });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      return path.join(workspace.path, out);
    };
    [folders.base, folders.again, folders.edited] = await Promise.all([runOn('cases.jsonl', 'base'), runOn('cases.jsonl', 'again'), runOn('copy/cases.jsonl', 'edited')]);
  }, 120_000);
  afterAll(async () => {
    await workspace?.remove();
  });

  it('pairs every case of two runs of the same dataset, for the one target', async () => {
    const [base, again] = await Promise.all([loadComparedRun(folders.base), loadComparedRun(folders.again)]);
    expect(base.cases).toEqual(cases.map((item) => ({ caseId: item.id })));
    expect(base.caseHashes?.size).toBe(cases.length);
    expect(base.simulatedTargets).toEqual(['openai:gpt-4o-mini']);
    expect(base.incomplete).toBe(false);
    const paired = pairRuns(base, again);
    expect(paired).toMatchObject({ changedCases: [], uncheckedCases: false, onlyInBase: [], onlyInCurrent: [], unpairedTargets: { base: [], current: [] } });
    expect(paired.pairs).toHaveLength(1);
    expect(paired.pairs[0]?.cases.map((item) => [item.caseId, item.base.slots, item.current.slots])).toEqual(cases.map((item) => [item.id, 1, 1]));
  });

  it('refuses the case whose expected answer was edited in a copy of the dataset, and pairs it only when allowed', async () => {
    const [base, edited] = await Promise.all([loadComparedRun(folders.base), loadComparedRun(folders.edited)]);
    expect(() => pairRuns(base, edited)).toThrow(ChangedCasesError);
    expect(() => pairRuns(base, edited)).toThrow(/^1 case changed .*\n {2}multiply\npass --allow-changed/);
    const allowed = pairRuns(base, edited, { allowChanged: true });
    expect(allowed.changedCases).toEqual([{ caseId: 'multiply' }]);
    expect(allowed.pairs[0]?.cases.map((item) => item.caseId)).toEqual(cases.map((item) => item.id));
  });
});
