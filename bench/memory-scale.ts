/**
 * Memory at scale: `llm-bench run` of N tiny attempts (4-token echoes, 1 ms TTFT) against the
 * simulator in its own process, then `llm-bench report` on the run's folder. Per size: the peak
 * RSS of the whole process (main thread and workers; getrusage's ru_maxrss), wall time, and the
 * same for `report`. Goal (issue 14): a run of 1,000,000 attempts peaks at ≤ 300 MB.
 *
 * The attempts are `--repeats R` of `min(N, 1000)` cases, so the dataset stays small and what is
 * measured is what grows with the attempts. A size whose run would take longer than
 * `--max-minutes` (from the previous size's rate) is not run: its row says so, and gives the
 * time extrapolated from that rate, labelled as such; its RSS is not guessed. A run still going
 * at twice `--max-minutes` is stopped (SIGINT: it drains and writes its reports); its row gives
 * its peak so far and how many attempts it recorded.
 *
 * By default the CLI runs through its launcher, bin/llm-bench.js, as a user runs it; `--cli main`
 * runs src/cli/main.ts directly. Neither sets heap flags: `--node-flags` gives some.
 *
 * Past 50,000 records the run's finish and `report` read results.jsonl as a stream (summaries
 * and results.csv from every record, report.html's records a sample): the report columns of the
 * 100k and 1M rows measure that path, the 10k row the one that holds every record.
 *
 *   node bench/memory-scale.ts [--sizes 10000,100000,1000000] [--concurrency 64] [--engine auto] [--max-minutes 20] [--cli launcher|main] [--node-flags '…']
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { printTable, type Cell } from './print-table.ts';
import { spawnMock } from './spawn-mock.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    concurrency: { type: 'string', default: '64' },
    engine: { type: 'string', default: 'auto' },
    'max-minutes': { type: 'string', default: '20' },
    /** `launcher`: bin/llm-bench.js, as a user runs it; `main`: src/cli/main.ts. */
    cli: { type: 'string', default: 'launcher' },
    /** Extra Node flags for the measured processes, e.g. '--max-old-space-size=200'. */
    'node-flags': { type: 'string', default: '' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const maxMs = Number(values['max-minutes']) * 60_000;
const goalBytes = 300e6;
const nodeFlags = values['node-flags'].split(' ').filter((flag) => flag !== '');
const mb = (bytes: number) => Math.round(bytes / 1e6);

if (values.cli !== 'launcher' && values.cli !== 'main') throw new Error(`--cli ${values.cli}: launcher or main`);
// By default what a user runs: the launcher (bin/llm-bench.js).
const cli = new URL(values.cli === 'launcher' ? '../bin/llm-bench.js' : '../src/cli/main.ts', import.meta.url).pathname;
const preload = new URL('report-peak-rss.ts', import.meta.url).pathname;

/** One CLI command, its peak RSS and wall time. */
async function measured(args: string[], folder: string, limitMs = Number.POSITIVE_INFINITY): Promise<{ peakBytes: number; cpuMs: number; wallMs: number; code: number | null; stderr: string; stopped: boolean }> {
  const peakFile = join(folder, `peak-${args[0]}`);
  await rm(peakFile, { force: true });
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, '--import', preload, cli, ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NO_COLOR: '1', LLM_BENCH_PEAK_RSS_FILE: peakFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // Past the limit it is stopped as Ctrl-C stops a run: it drains, writes its reports and exits.
  let stopped = false;
  const limit = Number.isFinite(limitMs) ? setTimeout(() => {
    stopped = true;
    child.kill('SIGINT');
  }, limitMs) : undefined;
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(limit);
  const wallMs = performance.now() - startedAt;
  const [peakBytes = Number.NaN, cpuMicros = Number.NaN] = (await readFile(peakFile, 'utf8').catch(() => 'NaN NaN')).split(' ').map(Number);
  return { peakBytes, cpuMs: cpuMicros / 1000, wallMs, code, stderr, stopped };
}

const server = await spawnMock({
  models: [{ id: 'tiny', ttftMs: { p50: 1, p90: 2 }, tokensPerSecond: 10_000, outputTokens: 4, answer: { policy: 'echo' } }],
});
const work = await mkdtemp(join(tmpdir(), 'llm-bench-memory-'));
console.log(`load average at start: ${loadavg().map((average) => average.toFixed(2)).join(' ')}; ${values.cli === 'launcher' ? 'bin/llm-bench.js' : 'src/cli/main.ts'}, engine ${values.engine}, concurrency ${values.concurrency}${nodeFlags.length ? `, node ${nodeFlags.join(' ')}` : ''}`);
const rows: Array<Record<string, Cell>> = [];
let msPerAttempt: number | undefined;
try {
  for (const size of sizes) {
    const expectedMs = msPerAttempt === undefined ? undefined : msPerAttempt * size;
    if (expectedMs !== undefined && expectedMs > maxMs) {
      rows.push({ attempts: size, 'run peak RSS MB': 'not run', 'run wall s': `~${Math.round(expectedMs / 1000)} (extrapolated)`, 'run CPU s': '', 'report peak RSS MB': '', 'report wall s': '', 'report CPU s': '', goal: `≤ ${mb(goalBytes)} MB` });
      continue;
    }
    const cases = Math.min(size, 1000);
    const dataset = join(work, `cases-${cases}.jsonl`);
    await writeFile(dataset, Array.from({ length: cases }, (_, index) => `${JSON.stringify({ id: `c${index}`, prompt: `item ${index}` })}\n`).join(''));
    const folder = join(work, `run-${size}`);
    const run = await measured([
      'run', '--dataset', dataset, '--repeats', String(size / cases), '--target', `openai-compatible:tiny@${server.url}/v1`,
      '--concurrency', values.concurrency, '--warmup', '1', '--retries', '0', '--max-error-rate', '1', '--engine', values.engine, '--out', folder,
    ], work, 2 * maxMs);
    if (run.stopped) {
      // Too slow to finish here (a busy machine, or a stall): what it wrote, and its peak so far.
      const written = (await readFile(join(folder, 'results.jsonl'), 'utf8').catch(() => '')).split('\n').length - 1;
      rows.push({ attempts: size, 'run peak RSS MB': `${mb(run.peakBytes)} (stopped)`, 'run wall s': `stopped at ${(run.wallMs / 1000).toFixed(0)} with ${written} recorded`, 'run CPU s': '', 'report peak RSS MB': '', 'report wall s': '', 'report CPU s': '', goal: '' });
      break;
    }
    if (run.code !== 0) throw new Error(`run of ${size} attempts exited ${run.code}: ${run.stderr}`);
    msPerAttempt = run.wallMs / size;
    const report = await measured(['report', folder], work);
    if (report.code !== 0) throw new Error(`report of ${size} attempts exited ${report.code}: ${report.stderr}`);
    rows.push({
      attempts: size,
      'run peak RSS MB': mb(run.peakBytes),
      'run wall s': (run.wallMs / 1000).toFixed(1),
      'run CPU s': (run.cpuMs / 1000).toFixed(1),
      'report peak RSS MB': mb(report.peakBytes),
      'report wall s': (report.wallMs / 1000).toFixed(1),
      'report CPU s': (report.cpuMs / 1000).toFixed(1),
      goal: `≤ ${mb(goalBytes)} MB: ${run.peakBytes <= goalBytes ? 'met' : 'not met'}`,
    });
    await rm(folder, { recursive: true, force: true });
  }
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
console.log(`load average at the end: ${loadavg().map((average) => average.toFixed(2)).join(' ')}`);
printTable('Peak RSS by run size (tiny attempts against the simulator; the whole process, workers included)', rows);
