import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';
import { readRunOutputs, slotTallies } from './support/run-outputs.ts';

const caseCount = 6;
const caseIds = Array.from({ length: caseCount }, (_, index) => `case-${index}`);
const promptOf = (caseId: string) => `repeat ${caseId} please`;
const cases = caseIds.map((id) => ({ id, prompt: promptOf(id), assert: [{ type: 'contains', value: id }] }));

describe('--cache', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let dataset: string;
  let runNumber = 0;

  beforeAll(async () => {
    server = await startMockServer({
      profiles: constantMockProfiles(
        { id: 'steady', ttftMs: 30, tokensPerSecond: 2000, answer: { policy: 'echo' } },
        { id: 'flaky', ttftMs: 30, tokensPerSecond: 2000, answer: { policy: 'echo' } },
      ),
      faultPlan: [{ kind: 'server_error', count: 2, match: { model: 'flaky' } }],
    });
    workspace = await makeWorkspace();
    dataset = await workspace.write('cases.jsonl', jsonl(cases));
  });
  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  /** Runs the CLI and says how many requests the server received meanwhile. */
  const run = async (model: string, cacheDir: string, extra: string[] = [], datasetPath = dataset) => {
    const before = server.requests();
    const folder = join(workspace.path, `run-${++runNumber}`);
    const result = await runCli([
      'run', '--dataset', datasetPath, '--target', `${model}=openai-compatible:${model}@${server.url}/v1`, '--warmup', '0',
      '--concurrency', '1', '--cache', '--cache-dir', join(workspace.path, cacheDir), '--out', folder, ...extra,
    ]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    return { ...(await readRunOutputs(folder)), sent: server.requests().slice(before.length), stdout: result.stdout };
  };

  it('answers a repeated run from the cache: no request sent, no timing, cost 0, still scored', async () => {
    const first = await run('steady', 'cache');
    expect(first.sent).toHaveLength(caseCount);
    expect(first.rows).toHaveLength(caseCount);
    expect(first.rows.every((row) => row.cached === 'false' && row.ttft_ms !== '')).toBe(true);

    const second = await run('steady', 'cache');
    expect(second.sent).toHaveLength(0);
    for (const tally of slotTallies(second, 'steady', caseIds)) expect(tally).toMatchObject({ finals: 1, answers: 1 });
    for (const row of second.rows) {
      expect(row).toMatchObject({
        status: 'ok', cached: 'true', cost_source: 'cache', cost_usd: '0', ttft_ms: '', e2e_ms: '', output: promptOf(row.case_id ?? ''),
        passed: 'true',
      });
    }
    // Cached answers have no latency, so none enters the latency figures; quality still counts.
    expect(second.summary[0]).toMatchObject({
      requests: String(caseCount), success_rate: '1', ttft_p50_ms: '', ttft_p99_ms: '', e2e_p50_ms: '', output_tps_p50: '',
      pass_rate: '1', scored: String(caseCount), cost_usd_total: '0',
    });
  });

  it('never stores an error: the next run sends again exactly the requests that failed', async () => {
    const first = await run('flaky', 'errors-cache', ['--retries', '0']);
    const failed = first.lines.filter((line) => line.status === 'error').map((line) => line.caseId);
    expect(failed).toEqual(['case-0', 'case-1']);

    const second = await run('flaky', 'errors-cache', ['--retries', '0']);
    expect(second.sent.map((request) => request.answer)).toEqual(failed.map(promptOf));
    expect(second.rows.map((row) => [row.case_id, row.status, row.cached])).toEqual(
      caseIds.map((id) => [id, 'ok', failed.includes(id) ? 'false' : 'true']),
    );
    // Measured answers only in the latency figures: two, too few for a median's interval, and the mean is theirs.
    const [summary] = second.summary;
    const measured = second.rows.filter((row) => row.cached === 'false').map((row) => Number(row.ttft_ms));
    expect(summary?.ttft_p50_ms).toBe('n<6');
    expect(Number(summary?.ttft_mean_ms)).toBeCloseTo((measured[0]! + measured[1]!) / 2, 2);
  });

  it('is bypassed with --repeats 2, and says so: every repeat is sent', async () => {
    const repeated = await run('steady', 'cache', ['--repeats', '2']);
    expect(repeated.stdout.split('\n')).toContain('--cache is ignored with --repeats 2: every repeat is sent, since repeats are there to be measured.');
    expect(repeated.sent).toHaveLength(caseCount * 2);
    expect(repeated.rows).toHaveLength(caseCount * 2);
    expect(repeated.rows.every((row) => row.cached === 'false')).toBe(true);
  });

  it('does not reuse an answer for a request that differs only by its tools', async () => {
    await run('steady', 'tools-cache');
    const withTools = await workspace.write(
      'with-tools.jsonl',
      jsonl(cases.map((testCase) => ({ ...testCase, tools: [{ name: 'lookup', parameters: { type: 'object', properties: { id: { type: 'string' } } } }] }))),
    );
    const second = await run('steady', 'tools-cache', [], withTools);
    expect(second.sent).toHaveLength(caseCount);
  });

  it('refuses a --cache-dir that is a file, or cannot be made, before sending anything (exit code 2)', async () => {
    const file = await workspace.write('not-a-folder', 'x');
    const before = server.requests().length;
    const refused = (cacheDir: string) => runCli([
      'run', '--dataset', dataset, '--target', `openai-compatible:steady@${server.url}/v1`, '--cache', '--cache-dir', cacheDir, '--out', join(workspace.path, 'refused'),
    ]);
    const asFile = await refused(file);
    expect(asFile.exitCode).toBe(2);
    expect(asFile.stderr).toContain(`--cache-dir ${file} is a file, not a folder`);
    // Every answer would have been dropped from the cache without a word.
    const underFile = await refused(join(file, 'cache'));
    expect(underFile.exitCode).toBe(2);
    expect(underFile.stderr).toContain(`--cache-dir ${join(file, 'cache')} cannot be created or written (ENOTDIR)`);
    expect(server.requests()).toHaveLength(before);
  });
});
