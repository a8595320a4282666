import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../test/support/run-folder.ts';
import { choose, compare, ConfigError, DatasetError, InputError, run, TargetError } from './index.ts';

let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  workspace = await makeWorkspace();
  await workspace.write('cases.jsonl', '{"id":"q1","prompt":"Say hi.","expected":"hi"}\n');
});
afterEach(() => workspace.remove());

describe('the API', () => {
  it('tells the settings that do nothing, named by their keys, and runs', async () => {
    const notices: string[] = [];
    const outcome = await run(
      { datasets: ['cases.jsonl'], targets: ['simulated:openai/gpt-4o'], run: { concurrency: 2, targetConcurrency: 5, warmup: 0 } },
      { cwd: workspace.path, onNotice: (message) => notices.push(message) },
    );
    expect(notices).toContain('run.targetConcurrency 5 has no effect: run.concurrency 2 already allows no more.');
    expect(outcome.summaries[0]).toMatchObject({ requests: 1, ok: 1 });
  });

  it('refuses bad input with the error class of its kind, each problem named by its key', async () => {
    const badTarget = await run({ datasets: ['cases.jsonl'], targets: ['bogus:model'] }, { cwd: workspace.path }).catch((error: unknown) => error);
    expect(badTarget).toBeInstanceOf(TargetError);
    expect((badTarget as Error).message).toMatch(/^targets\[0\]: target "bogus:model": unknown provider "bogus"/);
    await workspace.write('bad.jsonl', '{"id":"q1"}\n');
    const badDataset = await run({ datasets: ['bad.jsonl'], targets: ['simulated:openai/gpt-4o'] }, { cwd: workspace.path }).catch((error: unknown) => error);
    expect(badDataset).toBeInstanceOf(DatasetError);
    expect((badDataset as DatasetError).problems.length).toBeGreaterThan(0);
    const badSetting = await run({ datasets: ['cases.jsonl'], targets: ['simulated:openai/gpt-4o'], run: { concurrency: -1 } }, { cwd: workspace.path }).catch((error: unknown) => error);
    expect(badSetting).toBeInstanceOf(ConfigError);
    expect((badSetting as ConfigError).problems).toEqual(['run.concurrency: expected an integer from 1 to 10000, got -1']);
  });

  it('refuses a target label that holds a key, masking it', async () => {
    const key = 'sk-compatible-0123456789';
    const refused = await run(
      { datasets: ['cases.jsonl'], targets: [{ target: 'openai-compatible:m@http://127.0.0.1:9/v1', label: `lab-${key}` }] },
      { cwd: workspace.path, environment: { OPENAI_COMPATIBLE_API_KEY: key } },
    ).catch((error: unknown) => error);
    expect((refused as Error).message).toContain('target label "lab-[REDACTED]" holds a key');
    expect((refused as Error).message).not.toContain(key);
  });

  it('gives the gates, compare and choose as data, writing nothing for compare with out: false', async () => {
    const definition = { datasets: ['cases.jsonl'], targets: ['simulated:openai/gpt-4o'], run: { warmup: 0 }, gates: { checks: ['pass_rate >= 0.5'] } };
    const [before, after] = [await run({ ...definition, out: 'before' }, { cwd: workspace.path }), await run({ ...definition, out: 'after' }, { cwd: workspace.path })];
    expect(after.gates).toMatchObject([{ gate: 'pass_rate >= 0.5', target: 'openai/gpt-4o', passed: true }]);
    const compared = await compare('before', 'after', { cwd: workspace.path, maxDrop: 5, out: false });
    expect(compared.files).toEqual([]);
    expect(compared.comparison.comparisons[0]?.passRate).toMatchObject({ cases: 1, difference: 0, verdict: 'no detectable change' });
    expect(compared.gates).toMatchObject([{ gate: 'pass_rate drop <= 5', passed: true }]);
    expect(compared.markdown).toContain('## llm-bench compare: `before` → `after`');
    await expect(compare('before', 'after', { cwd: workspace.path, alpha: 2 })).rejects.toThrow(InputError);
    const choice = await choose(before.folder);
    expect(choice.recommendation.paragraph).toMatch(/^Choose openai\/gpt-4o: it is the only option/);
  });
});

describe("the package's entry (index.js)", () => {
  it('exports every value the API exports', async () => {
    const entry = await readFile(fileURLToPath(new URL('../index.js', import.meta.url)), 'utf8');
    const exported = /export const \{([^}]*)\} = api;/.exec(entry)?.[1]?.split(',').map((name) => name.trim()).toSorted();
    expect(exported).toEqual(Object.keys(await import('./index.ts')).toSorted());
  });
});
