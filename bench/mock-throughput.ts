/**
 * How many streamed chunks per second the simulator sustains while keeping its schedule. The
 * server runs as `llm-bench mock` in its own process, on a core of its own (this process keeps
 * the other, where it only opens streams and drains them). Concurrency ramps up; for each level we read
 * the ground truth (`/__mock/requests`) and report how late chunks were written versus plan.
 * Each level runs `--repeats` times and each figure is the median of its runs: on a shared
 * machine one run's p99 is often another process's pause.
 *
 *   node bench/mock-throughput.ts [--tokens-per-second 50] [--seconds 2] [--repeats 3] [--levels 10,50,100,200,400,800,1200]
 */
import { request } from 'node:http';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { separateCores } from '../test/support/separate-cores.ts';
import { median, printTable, quantile, type Cell } from './print-table.ts';
import { spawnMock } from './spawn-mock.ts';

const { values } = parseArgs({
  options: {
    'tokens-per-second': { type: 'string', default: '50' },
    seconds: { type: 'string', default: '2' },
    repeats: { type: 'string', default: '3' },
    levels: { type: 'string', default: '10,50,100,200,400,800,1200' },
  },
});
const tokensPerSecond = Number(values['tokens-per-second']);
const seconds = Number(values.seconds);
const repeats = Number(values.repeats);
const levels = values.levels.split(',').map(Number);
const tokens = Math.round(tokensPerSecond * seconds);
const answer = Array.from({ length: tokens }, (_unused, index) => `w${index % 10}`).join(' ');

const cores = separateCores();
const server = await spawnMock(
  { models: [{ id: 'bench', ttftMs: { p50: 100, p90: 100 }, tokensPerSecond, answer: { policy: 'fixed', text: answer } }] },
  { launcher: cores.launcher },
);
const { hostname, port } = new URL(server.url);
const body = JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'go' }], stream: true });

/** One stream, drained without parsing: the client must stay cheap. */
function stream(): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { hostname, port, path: '/v1/chat/completions', method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (response) => {
        response.on('data', () => {});
        response.on('end', resolve);
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** One run of `concurrency` streams: each chunk's slip, written minus due. */
async function slipsAt(concurrency: number): Promise<number[]> {
  await server.clearRequests();
  // Arrivals spread over one chunk interval, as independent clients would be.
  const spread = 1000 / tokensPerSecond;
  await Promise.all(
    Array.from({ length: concurrency }, (_unused, index) =>
      new Promise((resolve) => setTimeout(resolve, (index / concurrency) * spread)).then(stream),
    ),
  );
  return (await server.requests()).flatMap((record) => record.chunkTimes.map((time, index) => time - record.plannedChunkTimes[index]!));
}

const rows: Array<Record<string, Cell>> = [];
const p99ByLevel: number[] = [];
try {
  for (const concurrency of levels) {
    const runs: number[][] = [];
    for (let run = 0; run < repeats; run++) runs.push(await slipsAt(concurrency));
    const figure = (of: (slips: number[]) => number) => median(runs.map(of));
    const p99 = figure((slips) => quantile(slips, 0.99));
    p99ByLevel.push(p99);
    rows.push({
      streams: concurrency,
      'chunks/s': Math.round(concurrency * tokensPerSecond),
      'chunks/run': runs[0]!.length,
      'p50 slip ms': figure((slips) => quantile(slips, 0.5)).toFixed(3),
      'p99 slip ms': p99.toFixed(3),
      'max slip ms': figure((slips) => slips.reduce((max, slip) => Math.max(max, slip), Number.NEGATIVE_INFINITY)).toFixed(3),
      'within 1 ms': `${figure((slips) => (100 * slips.filter((slip) => slip <= 1).length) / slips.length).toFixed(2)}%`,
      'load avg (1 min)': loadavg()[0]!.toFixed(2),
    });
  }
} finally {
  await server.close();
  cores.restore();
}
printTable(`Simulator schedule slip (chunk written - chunk due), ${tokensPerSecond} tokens/s per stream, ${seconds} s streams; median of ${repeats} runs`, rows);
// The highest level before the first one that misses (by its median p99): a lucky level proves nothing.
const firstMiss = p99ByLevel.findIndex((p99) => !(p99 <= 1));
const sustained = firstMiss === -1 ? levels.length - 1 : firstMiss - 1;
console.log(
  sustained >= 0
    ? `Sustained with p99 slip <= 1 ms: ${Math.round(levels[sustained]! * tokensPerSecond)} chunks/s (${levels[sustained]} streams at ${tokensPerSecond} tokens/s).`
    : 'No level kept p99 slip within 1 ms.',
);
