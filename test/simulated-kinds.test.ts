import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { makeWorkspace, readCsv } from './support/run-folder.ts';

/**
 * `simulated:<spec>` serves every provider kind from the built-in simulator, each through its own
 * AI SDK package and on its provider's own path (Azure's /openai/v1/…, Anthropic's /v1/messages,
 * the gateway's /v4/ai/…): every request of the smoke dataset is answered.
 */
describe('simulated targets of every provider kind', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  const targets = ['simulated:openai:gpt-4o-mini', 'simulated:azure:gpt-4o-mini', 'simulated:anthropic:claude-sonnet-4', 'simulated:openai/gpt-4o-mini@azure'];
  let rows: Array<Record<string, string>>;
  beforeAll(async () => {
    workspace = await makeWorkspace();
    const out = join(workspace.path, 'run');
    const run = await runCli(['run', '-d', 'datasets/smoke.jsonl', ...targets.flatMap((target) => ['-t', target]), '--warmup', '0', '--concurrency', '8', '--out', out], { timeoutMs: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    rows = await readCsv(join(out, 'summary.csv'));
  }, 150_000);
  afterAll(async () => {
    await workspace.remove();
  });

  it('answers every request of every kind', () => {
    expect(rows.map((row) => row.target)).toEqual(targets.map((target) => target.slice('simulated:'.length)));
    for (const row of rows) {
      expect(row.requests).toBe('13');
      expect(row.success_rate).toBe('1');
    }
  });
});
