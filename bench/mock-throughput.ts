/**
 * How many streamed chunks per second the simulator sustains on one core while keeping its
 * schedule. The server runs as `llm-bench mock` in its own process (one event loop, one core);
 * this process only opens streams and drains them. Concurrency ramps up; for each level we read
 * the ground truth (`/__mock/requests`) and report how late chunks were written versus plan.
 *
 *   node bench/mock-throughput.ts [--tokens-per-second 50] [--seconds 3] [--levels 10,50,100,200,400,800]
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { MockRequestRecord } from '../src/mock/index.ts';

const { values } = parseArgs({
  options: {
    'tokens-per-second': { type: 'string', default: '50' },
    seconds: { type: 'string', default: '3' },
    levels: { type: 'string', default: '10,50,100,200,400,800,1200' },
  },
});
const tokensPerSecond = Number(values['tokens-per-second']);
const seconds = Number(values.seconds);
const levels = values.levels.split(',').map(Number);
const tokens = Math.round(tokensPerSecond * seconds);

const folder = await mkdtemp(join(tmpdir(), 'mock-bench-'));
const profilesPath = join(folder, 'profiles.json');
const answer = Array.from({ length: tokens }, (_unused, index) => `w${index % 10}`).join(' ');
await writeFile(
  profilesPath,
  JSON.stringify({
    models: [{ id: 'bench', ttftMs: { p50: 100, p90: 100 }, tokensPerSecond, answer: { policy: 'fixed', text: answer } }],
  }),
);

const main = new URL('../src/cli/main.ts', import.meta.url).pathname;
const server = spawn(process.execPath, [main, 'mock', '--profiles', profilesPath], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve) => {
  createInterface({ input: server.stdout! }).on('line', (line) => {
    const match = /listening on (http:\/\/\S+)/.exec(line);
    if (match) resolve(match[1]!);
  });
});
const { hostname, port } = new URL(url);
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

function quantile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

const rows: Array<Record<string, string | number>> = [];
for (const concurrency of levels) {
  await fetch(`${url}/__mock/requests`, { method: 'DELETE' });
  // Arrivals spread over one chunk interval, as independent clients would be.
  const spread = 1000 / tokensPerSecond;
  await Promise.all(
    Array.from({ length: concurrency }, (_unused, index) =>
      new Promise((resolve) => setTimeout(resolve, (index / concurrency) * spread)).then(stream),
    ),
  );
  const records: MockRequestRecord[] = await (await fetch(`${url}/__mock/requests`)).json();
  const slips = records
    .flatMap((record) => record.chunkTimes.map((time, index) => time - record.plannedChunkTimes[index]!))
    .sort((left, right) => left - right);
  rows.push({
    streams: concurrency,
    'chunks/s': Math.round(concurrency * tokensPerSecond),
    chunks: slips.length,
    'p50 slip ms': quantile(slips, 0.5).toFixed(3),
    'p99 slip ms': quantile(slips, 0.99).toFixed(3),
    'max slip ms': (slips.at(-1) ?? Number.NaN).toFixed(3),
    'within 1 ms': `${((100 * slips.filter((slip) => slip <= 1).length) / slips.length).toFixed(2)}%`,
  });
}
console.table(rows);
// The highest level before the first one that misses: a single lucky level proves nothing.
const firstMiss = rows.findIndex((row) => !(Number(row['p99 slip ms']) <= 1));
const sustained = firstMiss === -1 ? rows.at(-1) : rows[firstMiss - 1];
console.log(
  sustained
    ? `Sustained with p99 slip <= 1 ms: ${sustained['chunks/s']} chunks/s (${sustained.streams} streams at ${tokensPerSecond} tokens/s).`
    : 'No level kept p99 slip within 1 ms.',
);
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
await rm(folder, { recursive: true, force: true });
