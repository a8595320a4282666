import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { makeWorkspace } from './support/run-folder.ts';

const pipelineDataset = join(import.meta.dirname, '..', 'datasets', 'support-pipeline.yaml');

/** A prompt variant rewrites one prompt; a pipeline has one per step: refused, not silently half-applied. */
describe('settings a multi-call run cannot honour', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  beforeAll(async () => {
    workspace = await makeWorkspace();
    await workspace.write('terse.yaml', 'label: terse\nsystem: Answer with one word.\nprompt: "TERSE {{prompt}}"\n');
  });
  afterAll(() => workspace?.remove());

  it('is refused with exit code 2, naming the first multi-call case at its file and line, and nothing is sent or made', async () => {
    const result = await runCli(['run', '-d', pipelineDataset, '-t', 'simulated:openai/gpt-4o-mini', '-p', 'terse.yaml', '--out', 'run'], { cwd: workspace.path });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("--prompt rewrites a case's single prompt, but 20 cases here are multi-call");
    expect(result.stderr).toContain(`first: T-01, ${pipelineDataset}:11`);
    expect(existsSync(join(workspace.path, 'run'))).toBe(false);
  });

  it("refuses a target's steps: override that names no step (a typo would compare mini with mini), at its file and line", async () => {
    await workspace.write('typo.yaml', `datasets: ${pipelineDataset}\ntargets:\n  - target: simulated:openai/gpt-4o-mini\n    label: mini-then-4o\n    steps: { Draft: simulated:openai/gpt-4o }\n`);
    const result = await runCli(['run', '--config', 'typo.yaml', '--out', 'typo'], { cwd: workspace.path });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('typo.yaml:3: targets[0]: steps.Draft: no case of the run has a step "Draft" (steps: classify, extract, draft)');
    expect(existsSync(join(workspace.path, 'typo'))).toBe(false);
  });
});
