import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockProfilesSchema } from '../src/config/mock-profile-schema.ts';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, testPrices } from './support/run-folder.ts';
import { readRunOutputs } from './support/run-outputs.ts';

describe('reports when things go badly', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  beforeEach(async () => {
    workspace = await makeWorkspace();
  });
  afterEach(async () => {
    await server?.close();
    await workspace.remove();
  });

  it('a target where every request failed shows "no data" for what it never measured (empty figures, never NaN or 0), a pass rate of 0, and the run completes', async () => {
    server = await startMockServer({
      profiles: mockProfilesSchema.parse({
        models: [
          { id: 'down', ttftMs: { p50: 10, p90: 10 }, tokensPerSecond: 2000, faultRates: { unavailable: 1 } },
          { id: 'up', ttftMs: { p50: 10, p90: 10 }, tokensPerSecond: 2000, answer: { policy: 'echo' } },
        ],
      }),
    });
    const caseCount = 8;
    const dataset = await workspace.write(
      'cases.jsonl',
      jsonl(Array.from({ length: caseCount }, (_, index) => ({ id: `case-${index}`, prompt: `say case-${index}`, assert: [{ type: 'contains', value: `case-${index}` }] }))),
    );
    const prices = await workspace.write('prices.yaml', testPrices(['down', 'up']));
    const folder = join(workspace.path, 'run');
    const result = await runCli([
      'run', '--dataset', dataset, '--prices', prices, '--warmup', '0', '--retries', '0', '--out', folder,
      '--target', `down=openai-compatible:down@${server.url}/v1`, '--target', `up=openai-compatible:up@${server.url}/v1`,
    ]);
    // Fewer than the 10 requests the circuit breaker needs: the failures are data, the run completed.
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('STOPPED');
    expect(result.stdout).not.toMatch(/NaN|Infinity|undefined|null/);
    const tableRow = result.stdout.split('\n').find((line) => line.startsWith('│ down'));
    expect(tableRow).toBeDefined();
    // requests, success %, every figure of the answers empty, and the pass rate 0 of 8 with its
    // interval (Wilson: 0–32): an unanswered request counts as failed.
    expect(tableRow?.split('│').slice(2, -1).map((cell) => cell.trim())).toEqual(['8', '0.0', '', '', '', '', '0.0 [0–32]']);

    const outputs = await readRunOutputs(folder);
    expect(outputs.manifest.status).toBe('completed');
    const down = outputs.summary.find((row) => row.target === 'down');
    expect(down).toMatchObject({
      requests: String(caseCount), attempts: String(caseCount), ok: '0', unanswered: String(caseCount), scored: '0', passed: '0',
      success_rate: '0', first_attempt_success_rate: '0', error_counts: `server_error=${caseCount}`,
      // The cases have assertions (up's answers were scored): unanswered, they count as failed.
      pass_rate: '0', pass_rate_ci_low: '0', pass_rate_cases: String(caseCount), pass_rate_answered: '',
    });
    const unknown = [
      'ttft_p50_ms', 'ttft_p90_ms', 'ttft_p99_ms', 'ttft_mean_ms', 'e2e_p50_ms', 'e2e_p90_ms', 'e2e_p99_ms', 'output_tps_p50',
      'output_tps_mean', 'inter_chunk_p50_ms', 'cost_usd_total', 'cost_per_1k_requests_usd', 'score_mean',
      'pass_rate_answered', 'input_tokens_total', 'output_tokens_total',
    ];
    for (const column of unknown) expect(down?.[column], column).toBe('');
    // The healthy target beside it has every figure.
    const up = outputs.summary.find((row) => row.target === 'up');
    for (const column of unknown) expect(up?.[column], column).not.toBe('');

    const summaryText = await readFile(join(folder, 'summary.csv'), 'utf8');
    expect(summaryText).not.toMatch(/NaN|Infinity|undefined|null/);
    // summary.json writes an unknown figure as null; the known ones stay numbers.
    const summaryJson = JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8')) as { summaries: Array<Record<string, unknown>> };
    const downJson = summaryJson.summaries.find((row) => row.target === 'down');
    for (const column of unknown) expect(downJson?.[column], column).toBeNull();
    expect(downJson).toMatchObject({ requests: caseCount, success_rate: 0, ok: 0, unanswered: caseCount, scored: 0, pass_rate: 0 });
  });

  it('neutralises hostile model output in results.csv, keeps numeric columns numeric', async () => {
    const hostile = {
      hyperlink: '=HYPERLINK("http://evil.example","x")',
      at: '@SUM(1)',
      hidden: '\u200B=1+1',
      plus: '+1+1',
    };
    server = await startMockServer({
      profiles: constantMockProfiles(
        ...Object.entries(hostile).map(([id, text]) => ({ id, ttftMs: 10, tokensPerSecond: 2000, answer: { policy: 'fixed' as const, text } })),
      ),
    });
    const dataset = await workspace.write('cases.jsonl', jsonl([{ id: '=case', prompt: 'hello' }, { id: 'plain', prompt: 'hello again' }]));
    const prices = await workspace.write('prices.yaml', testPrices(Object.keys(hostile)));
    const folder = join(workspace.path, 'run');
    const targets = Object.keys(hostile).flatMap((id) => ['--target', `${id === 'plus' ? '+evil' : id}=openai-compatible:${id}@${server.url}/v1`]);
    const result = await runCli(['run', '--dataset', dataset, '--prices', prices, '--warmup', '0', '--out', folder, ...targets]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);

    const outputs = await readRunOutputs(folder);
    expect(outputs.rows).toHaveLength(8);
    for (const row of outputs.rows) {
      const model = row.target === "'+evil" ? 'plus' : (row.target as keyof typeof hostile);
      expect(row.output).toBe(`'${hostile[model]}`);
      // A case id is text too.
      expect(["'=case", 'plain']).toContain(row.case_id);
      for (const column of ['repeat', 'attempt', 'ttft_ms', 'e2e_ms', 'input_tokens', 'output_tokens', 'cost_usd', 'chunk_count']) {
        expect(row[column], column).toMatch(/^\d+(\.\d+)?$/);
      }
    }
    // The raw text is kept where no spreadsheet reads it.
    expect(outputs.lines.map((line) => line.output).toSorted()).toEqual(Object.values(hostile).flatMap((text) => [text, text]).toSorted());
    expect(outputs.summary.map((row) => row.target).toSorted()).toEqual(["'+evil", 'at', 'hidden', 'hyperlink']);
    for (const row of outputs.summary) expect(row.cost_usd_total).toMatch(/^0\.\d+$/);
  });
});
