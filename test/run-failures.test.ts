import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type FaultPlanEntry, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readCsv } from './support/run-folder.ts';

const answer = 'one two three four five six seven eight nine ten eleven twelve';

describe('llm-bench run when things go wrong', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let server: MockServer | undefined;

  beforeEach(async () => {
    workspace = await makeWorkspace();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await workspace.remove();
  });

  const startServer = async (faultPlan: FaultPlanEntry[] = []) => {
    server = await startMockServer({
      profiles: constantMockProfiles({ id: 'steady', ttftMs: 100, tokensPerSecond: 100, answer: { policy: 'fixed', text: answer } }),
      faultPlan,
    });
    return server;
  };

  const run = async (url: string, cases: object[], extra: string[] = []) => {
    const dataset = await workspace.write('cases.jsonl', jsonl(cases));
    const folder = join(workspace.path, 'run');
    const result = await runCli([
      'run', '--dataset', dataset, '--target', `openai-compatible:steady@${url}/v1`, '--warmup', '0', '--out', folder, ...extra,
    ]);
    return { ...result, folder, dataset };
  };

  it('refuses a bad dataset with file:line messages, exit code 2, and sends nothing', async () => {
    const mock = await startServer();
    const dataset = await workspace.write(
      'bad.jsonl',
      [
        JSON.stringify({ id: 'a', prompt: 'fine' }),
        '{"id": "b", "prompt": ',
        JSON.stringify({ id: 'c' }),
        JSON.stringify({ id: 'a', prompt: 'again' }),
        JSON.stringify({ id: 'd', prompt: 'x', assert: [{ type: 'equal', value: 'x' }] }),
        JSON.stringify({ id: 'e', prompt: '  ' }),
      ].join('\n'),
    );
    const result = await runCli(['run', '--dataset', dataset, '--target', `openai-compatible:steady@${mock.url}/v1`]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${dataset}:2:`);
    expect(result.stderr).toMatch(new RegExp(`${dataset}:3: prompt`));
    expect(result.stderr).toMatch(new RegExp(`${dataset}:4: id: .*duplicate`));
    expect(result.stderr).toMatch(new RegExp(`${dataset}:5: assert\\[0\\]\\.type`));
    expect(result.stderr).toContain(`${dataset}:6: prompt: must not be empty`);
    expect(mock.requests()).toHaveLength(0);
  });

  it('names the missing key variable before sending anything, exit code 2', async () => {
    const dataset = await workspace.write('cases.jsonl', jsonl([{ prompt: 'hi' }]));
    const result = await runCli(['run', '--dataset', dataset, '--target', 'openai:gpt-4o-mini', '--target', 'anthropic:claude-sonnet-4']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('OPENAI_API_KEY');
    expect(result.stderr).toContain('ANTHROPIC_API_KEY');
  });

  it('reports the problems of every input at once: a bad dataset does not hide a missing key', async () => {
    const dataset = await workspace.write('bad.jsonl', JSON.stringify({ id: 'c' }));
    const result = await runCli(['run', '--dataset', dataset, '--target', 'openai:gpt-4o-mini', '--target', 'nonsense:x']);
    expect(result.exitCode).toBe(2);
    const baseline = await runCli(['run', '--dataset', dataset, '--target', 'openai-compatible:m@http://127.0.0.1:9/v1', '--baseline', 'nobody']);
    expect(baseline.exitCode).toBe(2);
    expect(baseline.stderr).toContain('--baseline nobody: not one of the targets (openai-compatible:m@http://127.0.0.1:9/v1)');
    expect(result.stderr).toMatch(new RegExp(`${dataset}:1: prompt`));
    expect(result.stderr).toContain('OPENAI_API_KEY');
    expect(result.stderr).toContain('nonsense');
  });

  it('refuses a run folder that cannot be created with exit code 2, not a crash', async () => {
    const dataset = await workspace.write('cases.jsonl', jsonl([{ prompt: 'hi' }]));
    const result = await runCli(['run', '--dataset', dataset, '--target', 'openai-compatible:m@http://127.0.0.1:9/v1', '--out', '/dev/null/run']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('cannot create the run folder /dev/null/run (ENOTDIR)');
  });

  it('refuses bad flags with exit code 2', async () => {
    const dataset = await workspace.write('cases.jsonl', jsonl([{ prompt: 'hi' }]));
    const result = await runCli(['run', '--dataset', dataset, '--target', 'openai-compatible:m@http://127.0.0.1:9/v1', '--concurrency', '0']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Expected --concurrency to be an integer from 1 to 10000, got `0`');
    const twice = await runCli(['run', '--dataset', dataset, '--concurrency', '2', '--concurrency', '3', '--target', 'openai-compatible:m@http://127.0.0.1:9/v1']);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toContain('Expected --concurrency once, got it 2 times');
  });

  it('retries a 429 after its retry-after, records both attempts, and keeps the wait out of the latency', async () => {
    const mock = await startServer([{ kind: 'rate_limit', count: 1 }]);
    const started = performance.now();
    const result = await run(mock.url, [{ id: 'only', prompt: 'count to twelve' }]);
    const wall = performance.now() - started;
    expect(result.exitCode).toBe(0);
    const rows = await readCsv(join(result.folder, 'results.csv'));
    expect(rows.map((row) => [row.attempt, row.status, row.error_type, row.http_status, row.final])).toEqual([
      ['1', 'error', 'rate_limited', '429', 'false'],
      ['2', 'ok', '', '200', 'true'],
    ]);
    expect(Number(rows[0]?.retry_after_ms)).toBe(1000);
    // The server said "retry after 1 s": the run waited, the measured attempt did not. Its TTFT is
    // what the server took (told 100 ms) plus the way there and back, which a busy machine
    // lengthens by tens of milliseconds; with the wait in it, it would be a second longer.
    expect(wall).toBeGreaterThan(1000);
    const answered = mock.requests().find((request) => request.status === 200);
    const serverTtft = (answered?.chunkTimes[0] ?? Number.NaN) - (answered?.arrivedAt ?? Number.NaN);
    expect(Number(rows[1]?.ttft_ms)).toBeGreaterThan(90);
    expect(Number(rows[1]?.ttft_ms) - serverTtft).toBeLessThan(500);
    const [summary] = await readCsv(join(result.folder, 'summary.csv'));
    expect(summary?.first_attempt_success_rate).toBe('0');
    expect(summary?.success_rate).toBe('1');
  });

  it('keeps the partial output of a connection dropped mid-stream, and the run goes on', async () => {
    const mock = await startServer([{ kind: 'drop', count: 1, afterChunks: 3 }]);
    const result = await run(mock.url, [{ id: 'dropped', prompt: 'count' }, { id: 'fine', prompt: 'count again' }], ['--retries', '0', '--concurrency', '1']);
    expect(result.exitCode).toBe(0);
    const rows = await readCsv(join(result.folder, 'results.csv'));
    const dropped = rows.find((row) => row.case_id === 'dropped');
    expect(dropped).toMatchObject({ status: 'error', error_type: 'network', final: 'true' });
    expect(dropped?.output).toMatch(/^one two/);
    expect(answer.startsWith(dropped?.output ?? 'x')).toBe(true);
    expect(dropped?.output).not.toBe(answer);
    expect(rows.find((row) => row.case_id === 'fine')).toMatchObject({ status: 'ok', output: answer });
    const [summary] = await readCsv(join(result.folder, 'summary.csv'));
    // The cases have no assertions: no pass rate, and the unanswered one is not made a failure of one.
    expect(summary).toMatchObject({ requests: '2', success_rate: '0.5', pass_rate: '' });
  });

  it('cuts off a response body over 64 MiB as a stream_error instead of running out of memory', async () => {
    // One endless SSE line: no text part ever completes, so only a byte cap can stop it.
    let sentBytes = 0;
    const endless = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const block = Buffer.alloc(1 << 20, 'x');
      const pump = () => {
        while (sentBytes < 200 * 2 ** 20 && !response.destroyed) {
          sentBytes += block.length;
          if (!response.write(block)) return void response.once('drain', pump);
        }
        response.end();
      };
      response.write('data: {"choices":[{"delta":{"content":"');
      pump();
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}`;
      const result = await run(url, [{ id: 'endless', prompt: 'go' }], ['--retries', '0']);
      expect(result.exitCode).toBe(0);
      const [row] = await readCsv(join(result.folder, 'results.csv'));
      expect(row).toMatchObject({ status: 'error', error_type: 'stream_error' });
      expect(row?.error_message).toContain('larger than 64 MiB');
      expect(sentBytes).toBeLessThan(200 * 2 ** 20);
    } finally {
      endless.closeAllConnections();
      await new Promise((resolve) => endless.close(resolve));
    }
  });

  it('ends a stalled stream as a timeout, keeping what arrived', async () => {
    const mock = await startServer([{ kind: 'stall', count: 1, afterChunks: 2 }]);
    const result = await run(mock.url, [{ id: 'stalled', prompt: 'count' }], ['--stall-timeout-ms', '400', '--retries', '0']);
    expect(result.exitCode).toBe(0);
    const [row] = await readCsv(join(result.folder, 'results.csv'));
    expect(row).toMatchObject({ status: 'error', error_type: 'timeout', output: 'one two' });
    expect(row?.error_message).toContain('stalled');
  });
});
