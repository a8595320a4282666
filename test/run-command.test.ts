import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readCsv, readJsonLines, testPrices } from './support/run-folder.ts';

// The simulator is told: first token after 200 ms, then 50 tokens/s, one token per chunk.
const toldTtftMs = 200;
const answer = 'Paris is the capital of France, and it has been for a long time.';

describe('llm-bench run against a local server, through the real provider packages', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let folder: string;
  let exitCode: number | null;
  let stderr: string;
  let stdout = '';

  beforeAll(async () => {
    server = await startMockServer({
      profiles: constantMockProfiles({ id: 'steady', ttftMs: toldTtftMs, tokensPerSecond: 50, answer: { policy: 'fixed', text: answer } }),
    });
    workspace = await makeWorkspace();
    const dataset = await workspace.write(
      'cases.jsonl',
      jsonl([
        { id: 'capital', prompt: 'What is the capital of France?', expected: 'Paris' },
        { id: 'wrong', prompt: 'What is the capital of England?', expected: 'London' },
        { id: 'regex', prompt: 'Name a capital.', assert: [{ type: 'regex', value: '^paris', flags: 'i' }] },
      ]),
    );
    const prices = await workspace.write('prices.yaml', testPrices(['steady', 'openai/steady']));
    folder = join(workspace.path, 'run');
    const result = await runCli(
      [
        'run',
        '--dataset', dataset,
        '--target', `openai-compatible:steady@${server.url}/v1`,
        '--target', 'openai:steady',
        '--concurrency', '4',
        '--repeats', '2',
        '--prices', prices,
        '--out', folder,
      ],
      { env: { OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_API_KEY: 'sk-test-not-a-real-key-000' } },
    );
    exitCode = result.exitCode;
    stderr = result.stderr;
    stdout = result.stdout;
  });

  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  it('completes with exit code 0 and one row per attempt', async () => {
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    const rows = await readCsv(join(folder, 'results.csv'));
    expect(rows).toHaveLength(3 * 2 * 2);
    expect(new Set(rows.map((row) => row.target))).toEqual(new Set([`openai-compatible:steady@${server.url}/v1`, 'openai:steady']));
    expect(rows.every((row) => row.status === 'ok' && row.output === answer)).toBe(true);
  });

  it('measures TTFT from the send: never less than the server delay', async () => {
    const records = await readJsonLines<{ timing: { ttftMs: number; e2eMs: number } }>(join(folder, 'results.jsonl'));
    expect(records).toHaveLength(3 * 2 * 2);
    // Precise comparisons with ground truth are in run.timing.test.ts, where nothing else runs.
    for (const record of records) {
      expect(record.timing.ttftMs).toBeGreaterThanOrEqual(toldTtftMs - 1);
      expect(record.timing.ttftMs).toBeLessThan(toldTtftMs + 200);
      expect(record.timing.e2eMs).toBeGreaterThan(record.timing.ttftMs);
    }
  });

  it('records the provider usage, the decode rate and the cost from the price table', async () => {
    const rows = await readCsv(join(folder, 'results.csv'));
    expect(rows).toHaveLength(3 * 2 * 2);
    const outputTokens = server.requests()[0]?.outputTokens ?? 0;
    expect(outputTokens).toBeGreaterThan(10);
    // Input tokens are the provider's count, not the harness's estimate. (The warm-ups, which have
    // no row, open with a cache-bust nonce, so the server saw longer prompts from them too.)
    const served = new Set(server.requests().map((request) => request.inputTokens));
    expect(rows.map((row) => Number(row.input_tokens)).filter((tokens) => !served.has(tokens))).toEqual([]);
    for (const row of rows) {
      expect(Number(row.output_tokens)).toBe(outputTokens);
      expect(row.tokens_estimated).toBe('false');
      const cost = (Number(row.input_tokens) * 0.15 + outputTokens * 0.6) / 1e6;
      expect(Number(row.cost_usd)).toBeCloseTo(cost, 12);
      expect(row.cost_source).toBe('price-table');
      // 50 tokens/s as told, measured over the decode phase (loosely here; precisely in the timing project).
      expect(Number(row.output_tps)).toBeGreaterThan(35);
      expect(Number(row.output_tps)).toBeLessThan(65);
    }
  });

  it('scores each answer: the default scorer for expected, and the assert list', async () => {
    const rows = await readCsv(join(folder, 'results.csv'));
    const passed = (caseId: string) => new Set(rows.filter((row) => row.case_id === caseId).map((row) => row.passed));
    expect(passed('capital')).toEqual(new Set(['true']));
    expect(passed('wrong')).toEqual(new Set(['false']));
    expect(passed('regex')).toEqual(new Set(['true']));
  });

  it('writes a summary per target and run.json', async () => {
    const summary = await readCsv(join(folder, 'summary.csv'));
    expect(summary).toHaveLength(2);
    for (const row of summary) {
      expect(row.requests).toBe('6');
      expect(Number(row.success_rate)).toBe(1);
      expect(Number(row.pass_rate)).toBeCloseTo(4 / 6, 5);
      expect(Number(row.ttft_p50_ms)).toBeGreaterThanOrEqual(toldTtftMs - 1);
    }
    const run = JSON.parse(await readFile(join(folder, 'run.json'), 'utf8'));
    expect(run.status).toBe('completed');
    expect(run.dataset.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.versions.ai).toMatch(/^7\./);
    expect(run.targets.map((target: { kind: string }) => target.kind)).toEqual(['openai-compatible', 'openai']);
    // Where the figures came from: the spec's URL, and OPENAI_BASE_URL's rather than api.openai.com.
    expect(run.targets.map((target: { endpoint: string }) => target.endpoint)).toEqual([`${server.url}/v1`, `${server.url}/v1`]);
    expect(JSON.stringify(run)).not.toContain('sk-test-not-a-real-key-000');
    // The second target against the first, on the same 3 cases of 2 repeats each (a case is the
    // unit, its repeats are not independent): the same answers, so no difference, and the paired
    // t on the cases' pass shares says so.
    const [comparison] = await readCsv(join(folder, 'comparison.csv'));
    expect(comparison).toMatchObject({
      baseline_target: `openai-compatible:steady@${server.url}/v1`, target: 'openai:steady', paired_cases: '3', repeats: '2', method: 'paired t',
      pass_rate_difference: '0', pass_rate_p: '1', pass_rate_verdict: 'no detectable change', flipped_to_fail: '0', flipped_to_pass: '0',
    });
    expect(stdout).toContain(`Against the baseline openai-compatible:steady@${server.url}/v1`);
    // The page for people: both targets, every case.
    const html = await readFile(join(folder, 'report.html'), 'utf8');
    for (const text of ['openai:steady', `openai-compatible:steady@${server.url}/v1`, '>capital</th>', '>regex</th>']) expect(html).toContain(text);
  });
});
