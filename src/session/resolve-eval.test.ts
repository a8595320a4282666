import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { resolveEval } from './resolve-eval.ts';

let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  workspace = await makeWorkspace();
});
afterEach(() => workspace.remove());

describe('resolveEval', () => {
  it('takes each flag over the eval file, and names settings by where they came from', async () => {
    await workspace.write('llm-bench.yaml', 'datasets: [a.jsonl]\ntargets: [openai:gpt-4o-mini]\nrun:\n  concurrency: 8\n  repeats: 2\n');
    const { settings, names } = await resolveEval({ flags: { concurrency: 3 }, cwd: workspace.path });
    expect(settings).toMatchObject({ concurrency: 3, repeats: 2, datasets: [path.join(workspace.path, 'a.jsonl')] });
    expect([names.place('repeats'), names.place('concurrency')]).toEqual(['llm-bench.yaml:5: run.repeats', '--concurrency']);
  });

  it('refuses a resume whose run.json holds a damaged definition, or none that can be read', async () => {
    await workspace.write('run.json', JSON.stringify({ definition: { targets: ['openai:gpt-4o-mini'], run: { repeats: 'abc' } } }));
    await expect(resolveEval({ flags: {}, cwd: workspace.path, resume: workspace.path })).rejects.toThrow(
      `--resume ${workspace.path}: ${path.join(workspace.path, 'run.json')} is damaged (definition.run.repeats: expected an integer from 1 to 100000, got "abc")`,
    );
    await workspace.write('run.json', '{"definition": ');
    await expect(resolveEval({ flags: {}, cwd: workspace.path, resume: workspace.path })).rejects.toThrow('cannot read');
    await expect(resolveEval({ flags: {}, cwd: workspace.path, resume: path.join(workspace.path, 'nothing') })).rejects.toThrow('not an llm-bench run folder');
  });

  it("says a sweep's folder is not resumed, and how to complete one of its steps", async () => {
    await mkdir(path.join(workspace.path, 'sweep'));
    await workspace.write('sweep/sweep.json', '{}');
    await expect(resolveEval({ flags: {}, cwd: workspace.path, resume: path.join(workspace.path, 'sweep') })).rejects.toThrow(
      `--resume ${path.join(workspace.path, 'sweep')}: a sweep's folder; a sweep is not resumed: run it again, or complete one of its steps with --resume ${path.join(workspace.path, 'sweep', 'step-…')}`,
    );
  });
});
