import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from './support/run-cli.ts';
import { makeWorkspace } from './support/run-folder.ts';

const smoke = join(import.meta.dirname, '..', 'datasets', 'smoke.jsonl');

/** `llm-bench run … | head -1`: the reader goes away after the first line; the run must not. */
describe('a run whose stdout reader goes away', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  beforeAll(async () => {
    workspace = await makeWorkspace();
  });
  afterAll(() => workspace?.remove());

  it('runs to its end and writes its files, without an error, exit code 0', async () => {
    const { child, done } = startCli(['run', '-d', smoke, '-t', 'simulated:openai/gpt-4o-mini', '--warmup', '0', '--out', 'run'], { cwd: workspace.path, timeoutMs: 120_000 });
    // As `head -1` does: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const result = await done;
    expect(result.stderr).not.toMatch(/unexpected error|EPIPE/);
    expect(result.exitCode).toBe(0);
    const manifest = JSON.parse(await readFile(join(workspace.path, 'run', 'run.json'), 'utf8')) as { status: string; results: { slots: number } };
    expect(manifest.status).toBe('completed');
    expect(manifest.results.slots).toBe(13);
  });
});
