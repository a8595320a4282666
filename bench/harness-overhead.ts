/**
 * What the harness costs per streamed chunk, in CPU time: the main thread (AI SDK parsing,
 * scheduling, records) and the whole process (with the transport worker), while `--streams`
 * streams run against the simulator in another process. From the main thread's cost: how many
 * chunks per second, and streams at a typical decode rate, one core can drive.
 *
 *   node bench/harness-overhead.ts [--streams 50] [--tokens-per-second 200] [--tokens 400] [--repeats 3]
 */
import { parseArgs } from 'node:util';
import { median, printTable } from './print-table.ts';
import { runHarness } from './run-harness.ts';
import { spawnMock } from './spawn-mock.ts';

const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: '50' },
    'tokens-per-second': { type: 'string', default: '200' },
    tokens: { type: 'string', default: '400' },
    repeats: { type: 'string', default: '3' },
  },
});
const streams = Number(values.streams);
const tokensPerSecond = Number(values['tokens-per-second']);
const outputTokens = Number(values.tokens);
const repeats = Number(values.repeats);
/** The decode rate a "typical stream" is quoted at in the table. */
const typicalTokensPerSecond = 80;

const server = await spawnMock({
  models: [{ id: 'long', ttftMs: { p50: 100, p90: 100 }, tokensPerSecond, outputTokens, answer: { policy: 'echo' } }],
});

type Run = { chunks: number; mainMs: number; processMs: number; wallMs: number };

async function measureOnce(): Promise<Run> {
  const mainBefore = process.threadCpuUsage();
  const processBefore = process.cpuUsage();
  const { records, wallMs } = await runHarness({ url: server.url, model: 'long', requests: 2 * streams, concurrency: streams, warmup: 0 });
  const main = process.threadCpuUsage(mainBefore);
  const all = process.cpuUsage(processBefore);
  const failed = records.filter((record) => record.status !== 'ok').length;
  if (failed > 0) console.warn(`harness-overhead: ${failed} of ${records.length} requests failed`);
  return {
    chunks: records.reduce((sum, record) => sum + (record.timing.chunkCount ?? 0), 0),
    mainMs: (main.user + main.system) / 1000,
    processMs: (all.user + all.system) / 1000,
    wallMs,
  };
}

const runs: Run[] = [];
try {
  // One unmeasured run pays for module loading, JIT and the transport worker's start.
  await runHarness({ url: server.url, model: 'long', requests: 10, concurrency: 10, warmup: 0 });
  for (let run = 0; run < repeats; run++) runs.push(await measureOnce());
} finally {
  await server.close();
}
const figure = (of: (run: Run) => number) => median(runs.map(of));
const mainPerChunkMicroseconds = figure((run) => (1000 * run.mainMs) / run.chunks);
const chunksPerCoreSecond = 1_000_000 / mainPerChunkMicroseconds;
printTable(`Harness CPU per streamed chunk: ${streams} streams x ${outputTokens} tokens at ${tokensPerSecond} tokens/s; median of ${repeats} runs`, [
  {
    streams,
    'chunks/run': figure((run) => run.chunks),
    'chunks/s': Math.round(figure((run) => run.chunks / (run.wallMs / 1000))),
    'main thread busy': `${figure((run) => (100 * run.mainMs) / run.wallMs).toFixed(1)}%`,
    'main us/chunk': mainPerChunkMicroseconds.toFixed(1),
    'process us/chunk': figure((run) => (1000 * run.processMs) / run.chunks).toFixed(1),
    'chunks/s per core (main)': Math.round(chunksPerCoreSecond),
    [`streams/core at ${typicalTokensPerSecond} tok/s`]: Math.round(chunksPerCoreSecond / typicalTokensPerSecond),
  },
]);
