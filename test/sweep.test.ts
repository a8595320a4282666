import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import type { SweepCurve } from '../src/reports/sweep-curve.ts';
import { runCli, startCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readCsv } from './support/run-folder.ts';

// What the server is told: 200 ms to the first token, then 10 tokens at 200/s (the last 45 ms
// later), and room for 2 requests at a time: about 245 ms a request, so a knee near 2 / 0.245 ≈ 8 requests/s.
const ttftMs = 200;
const serviceMs = ttftMs + (9 * 1000) / 200;
const capacity = 2;
const cases = Array.from({ length: 32 }, (_, index) => ({ id: `c${index + 1}`, prompt: `Say ok, number ${index + 1}.`, expected: 'ok' }));

const median = (values: readonly number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A Poisson sweep across the knee of a server with a capacity, and a closed loop beside it (docs/load.md). */
describe('llm-bench run --sweep', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  const target = () => `knee=openai-compatible:knee@${server.url}/v1`;
  const run = (args: string[]) => runCli(['run', '-d', 'cases.jsonl', '-t', target(), '--warmup', '0', ...args], { cwd: workspace.path, timeoutMs: 150_000 });

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await workspace.write('cases.jsonl', jsonl(cases));
    server = await startMockServer({
      profiles: constantMockProfiles({ id: 'knee', ttftMs, tokensPerSecond: 200, outputTokens: 10, answer: { policy: 'fixed', text: 'ok' }, capacity: { concurrency: capacity } }),
    });
  });
  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  it('shows the knee: past the capacity, TTFT from the scheduled time rises many-fold, as the server queues; a closed loop at the capacity hides it', { timeout: 240_000 }, async () => {
    const swept = await run(['--sweep', 'rate=2,16', '--concurrency', '64', '--slo', 'ttft<=1000', '--out', 'sweep']);
    expect(swept.stderr).toBe('');
    expect(swept.exitCode).toBe(0);
    const sweepTruth = server.requests();
    const folder = join(workspace.path, 'sweep');
    expect((await readdir(folder)).toSorted()).toEqual(['step-1-rate-2', 'step-2-rate-16', 'sweep.csv', 'sweep.html', 'sweep.json', 'sweep.md']);
    const curve = JSON.parse(await readFile(join(folder, 'sweep.json'), 'utf8')) as SweepCurve;
    expect(curve).toMatchObject({ spec: 'rate=2,16', kind: 'rate', arrival: 'poisson', slo: 'ttft<=1000', interrupted: false });
    expect(curve.steps.map((step) => [step.folder, step.rate, step.incomplete])).toEqual([['step-1-rate-2', 2, false], ['step-2-rate-16', 16, false]]);
    const [below, above] = curve.rows;
    expect(curve.rows).toHaveLength(2);
    expect([below!.requests, above!.requests, below!.errors, above!.errors]).toEqual([32, 32, 0, 0]);
    // Each request waits at least the server's TTFT, and from the scheduled time at least as long as from the send.
    for (const row of curve.rows) {
      expect(row.ttftP50Ms!).toBeGreaterThanOrEqual(ttftMs);
      expect(row.ttftFromScheduledP50Ms!).toBeGreaterThanOrEqual(row.ttftP50Ms! - 1);
      expect(row.achievedRps).toBeGreaterThan(0);
    }
    // Below the knee a request is served about as fast as the server was told; past it, it waits
    // behind the queue: many service times more.
    expect(above!.ttftFromScheduledP50Ms!).toBeGreaterThan(3 * serviceMs);
    expect(above!.ttftFromScheduledP50Ms!).toBeGreaterThan(3 * below!.ttftFromScheduledP50Ms!);
    expect(above!.goodput!).toBeLessThan(below!.goodput!);

    // The server's own truth agrees: the second step's requests queued for a slot, more than a whole service each.
    const secondStep = sweepTruth.slice(32);
    expect(secondStep).toHaveLength(32);
    const queued = median(secondStep.map((record) => record.queueWaitMs!));
    expect(queued).toBeGreaterThan(serviceMs);
    expect(above!.ttftFromScheduledP50Ms!).toBeGreaterThanOrEqual(queued);

    // The same curve in the other files: a CSV row per step, the table in Markdown, the chart in the page.
    const csv = await readCsv(join(folder, 'sweep.csv'));
    expect(csv.map((row) => [row.step, row.rate_asked, row.target, row.requests])).toEqual([['1', '2', 'knee', '32'], ['2', '16', 'knee', '32']]);
    expect(Number(csv[1]!.ttft_from_scheduled_p50_ms)).toBeCloseTo(above!.ttftFromScheduledP50Ms!, 3);
    expect(await readFile(join(folder, 'sweep.md'), 'utf8')).toContain('| Step | Rate | Requests | Req/s | TTFT sched p50/p99 | TTFT send p50/p99 | e2e sched p50/p99 | Out tok/s | Goodput % [CI] (n) | Good req/s | Errors |');
    const html = await readFile(join(folder, 'sweep.html'), 'utf8');
    expect(html).toContain('id="chart-load-curve-ttft"');
    expect(html).toContain('id="chart-load-curve-goodput"');
    expect(html).toContain('<a href="step-2-rate-16/report.html">');
    // The terminal prints the curve, not one step's tables.
    expect(swept.stdout).toMatch(/Sweep rate=2,16: 2 steps \(open loop, poisson arrivals\)/);
    expect(swept.stdout).toContain(`Sweep in ${folder}:`);
    expect(swept.stdout).toContain('Sweep step 2 of 2: rate 16 requests/s, open loop, in step-2-rate-16/');

    // Closed loop at the capacity: the harness waits for each answer before it sends the next, so
    // the server never queues and TTFT stays near what the server was told, whatever the load.
    const closed = await run(['--concurrency', String(capacity), '--out', 'closed']);
    expect(closed.exitCode).toBe(0);
    const closedTruth = server.requests().slice(64);
    expect(closedTruth).toHaveLength(32);
    expect(median(closedTruth.map((record) => record.queueWaitMs!))).toBeLessThan(serviceMs / 4);
    const [summary] = JSON.parse(await readFile(join(workspace.path, 'closed', 'summary.json'), 'utf8')).summaries as Array<{ ttft_p50_ms: number }>;
    expect(summary!.ttft_p50_ms).toBeGreaterThanOrEqual(ttftMs);
    expect(summary!.ttft_p50_ms).toBeLessThan(above!.ttftFromScheduledP50Ms! / 3);
  });

  it('on Ctrl-C, ends the step in flight as a run ends, runs no further step, and writes the curve of the steps done', async () => {
    const cli = startCli(['run', '-d', 'cases.jsonl', '-t', target(), '--warmup', '0', '--concurrency', '64', '--sweep', 'rate=2,16', '--out', 'stopped'], { cwd: workspace.path, timeoutMs: 120_000 });
    // Once the first step has answered something, as a user who saw its progress would.
    let signalled = false;
    cli.child.stderr.on('data', (chunk: Buffer) => {
      if (!signalled && chunk.toString().includes('progress:')) {
        signalled = true;
        cli.child.kill('SIGINT');
      }
    });
    const ended = await cli.done;
    expect(signalled).toBe(true);
    expect(ended.exitCode).toBe(130);
    const folder = join(workspace.path, 'stopped');
    expect((await readdir(folder)).toSorted()).toEqual(['step-1-rate-2', 'sweep.csv', 'sweep.html', 'sweep.json', 'sweep.md']);
    const curve = JSON.parse(await readFile(join(folder, 'sweep.json'), 'utf8')) as SweepCurve;
    expect(curve.interrupted).toBe(true);
    expect(curve.steps.map((step) => [step.folder, step.incomplete])).toEqual([['step-1-rate-2', true]]);
    expect(curve.rows[0]!.requests).toBeLessThan(32);
    expect(ended.stdout).toContain('Interrupted: the curve holds the steps done.');
    expect(ended.stdout).toContain('The sweep is INCOMPLETE');
  });

  it('refuses, before anything is sent: a bad spec, max-rate without --slo, a sweep to resume', async () => {
    const before = server.requests().length;
    const bad = await run(['--sweep', 'rate=2,fast', '--out', 'bad']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--sweep "rate=2,fast": each rate must be a number from 0.001 to 10000 requests per second, got "fast"');
    const search = await run(['--sweep', 'max-rate', '--out', 'bad']);
    expect(search.exitCode).toBe(2);
    expect(search.stderr).toContain("--sweep max-rate needs --slo: the objective each step must meet (e.g. --slo 'ttft<=500')");
    await workspace.write('sweep.yaml', `datasets: [cases.jsonl]\ntargets: ['${target()}']\nload:\n  sweep: concurrency=0\n`);
    const filed = await runCli(['run', '--config', 'sweep.yaml', '--out', 'bad'], { cwd: workspace.path });
    expect(filed.exitCode).toBe(2);
    expect(filed.stderr).toContain('sweep.yaml:4: load.sweep "concurrency=0": each concurrency must be an integer from 1 to 10000, got "0"');
    expect(await readdir(workspace.path)).not.toContain('bad');
    // A step's folder is a run that can be completed, but not as a sweep.
    await mkdir(join(workspace.path, 'step'), { recursive: true });
    await workspace.write('step/run.json', '{}');
    const resumed = await runCli(['run', '--resume', 'step', '--sweep', 'rate=2'], { cwd: workspace.path });
    expect(resumed.exitCode).toBe(2);
    expect(server.requests()).toHaveLength(before);
  });
});
