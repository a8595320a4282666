import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockProfilesSchema } from '../src/config/mock-profile-schema.ts';
import { startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, testPrices } from './support/run-folder.ts';

/** The reports made of every record's figures, byte for byte. */
const recordReports = ['results.csv', 'summary.csv', 'summary.json', 'comparison.csv', 'report.md'];

describe('reports from results.jsonl read back', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  beforeEach(async () => {
    workspace = await makeWorkspace();
  });
  afterEach(async () => {
    await server?.close();
    await workspace.remove();
  });

  it('equal, byte for byte, the ones the run wrote from its records in memory: retries, failures, scores and formula-like answers included', async () => {
    server = await startMockServer({
      profiles: mockProfilesSchema.parse({
        models: [
          { id: 'flaky', ttftMs: { p50: 5, p90: 10 }, tokensPerSecond: 4000, answer: { policy: 'echo' }, faultRates: { unavailable: 0.5 } },
          { id: 'steady', ttftMs: { p50: 5, p90: 10 }, tokensPerSecond: 4000, answer: { policy: 'echo' } },
        ],
      }),
    });
    const cases = Array.from({ length: 24 }, (_, index) => ({
      id: `case-${index}`,
      prompt: index % 4 === 0 ? `=HYPERLINK("x", "case-${index}")` : `say case-${index}, "quoted", over\ntwo lines`,
      assert: [{ type: 'contains', value: index % 3 === 0 ? 'never said' : `case-${index}` }],
    }));
    const dataset = await workspace.write('cases.jsonl', jsonl(cases));
    const prices = await workspace.write('prices.yaml', testPrices(['flaky', 'steady']));
    const folder = join(workspace.path, 'run');
    const run = await runCli([
      'run', '--dataset', dataset, '--prices', prices, '--warmup', '0', '--retries', '1', '--max-error-rate', '1', '--repeats', '2', '--slo', 'e2e<=60000', '--out', folder,
      '--target', `flaky=openai-compatible:flaky@${server.url}/v1`, '--target', `steady=openai-compatible:steady@${server.url}/v1`,
    ]);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const written = new Map<string, string>();
    for (const name of recordReports) written.set(name, await readFile(join(folder, name), 'utf8'));
    // Not an empty comparison: retried attempts, failed slots and passed and failed scores are all there.
    const lines = (await readFile(join(folder, 'results.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((record) => record['final'] === false)).toBe(true);
    expect(lines.some((record) => record['final'] === true && record['status'] === 'error')).toBe(true);
    expect(lines.some((record) => (record['score'] as { passed?: boolean } | undefined)?.passed === false)).toBe(true);
    expect(written.get('results.csv')!.split('\n').length).toBeGreaterThan(lines.length);
    // Goodput under the run's --slo is in the summary, and `report` judges it alike from run.json.
    const summary = JSON.parse(written.get('summary.json')!) as { summaries: Array<{ goodput?: number | null }> };
    expect(summary.summaries.every((row) => typeof row.goodput === 'number' && row.goodput > 0)).toBe(true);

    const report = await runCli(['report', folder]);
    expect(report.stderr).toBe('');
    expect(report.exitCode).toBe(0);
    for (const name of recordReports) expect(await readFile(join(folder, name), 'utf8'), name).toBe(written.get(name));
  });
});
