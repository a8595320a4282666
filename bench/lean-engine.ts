/**
 * The lean engine against the SDK engine: CPU per streamed event (the whole process, every
 * thread: main, transport workers) and SSE events per second delivered, against the simulator in
 * its own process, asked for more than one core can parse. Each engine runs in a fresh child
 * process, interleaved A B A B A B; the table gives medians over the pairs. TTFT error is each
 * attempt's TTFT less the simulator's own stamps (the median and p99 of each run, then the median of those).
 *
 *   node bench/lean-engine.ts [--pairs 3] [--streams 64] [--attempts 640]
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { MockRequestRecord } from '../src/mock/index.ts';
import { printTable, median, quantile } from './print-table.ts';
import { spawnMock } from './spawn-mock.ts';

const { values: options } = parseArgs({
  options: {
    pairs: { type: 'string', default: '3' },
    streams: { type: 'string', default: '64' },
    attempts: { type: 'string', default: '640' },
    tokens: { type: 'string', default: '64' },
    'tokens-per-second': { type: 'string', default: '500' },
    driver: { type: 'string' },
    url: { type: 'string' },
  },
});

type Sample = {
  engine: string;
  cpuMs: number;
  wallMs: number;
  events: number;
  errors: number;
  /** Each answered attempt: when it was sent (epoch ms) and its TTFT. */
  ttfts: Array<[sentEpochMs: number, ttftMs: number]>;
  ttftErrors?: number[];
};

if (options.driver) await drive(options.driver, options.url!);
else await compare();

async function compare(): Promise<void> {
  const tokens = Number(options.tokens);
  const tokensPerSecond = Number(options['tokens-per-second']);
  const mock = await spawnMock({
    models: [{ id: 'stream', ttftMs: { p50: 20, p90: 20 }, tokensPerSecond, tokensPerChunk: 1, outputTokens: tokens, answer: { policy: 'fixed', text: 'word' } }],
  });
  const streams = Number(options.streams);
  console.log(`${streams} streams of ${tokens} tokens at ${tokensPerSecond} tokens/s each: ${(streams * tokensPerSecond).toLocaleString('en-US')} events/s asked, ${options.attempts} attempts per run; load average at start ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  const samples: Sample[] = [];
  try {
    for (let pair = 0; pair < Number(options.pairs); pair++) {
      for (const engine of ['sdk', 'lean']) {
        const sample = await runDriver(engine, mock.url);
        sample.ttftErrors = ttftErrors(sample, await mock.requests());
        samples.push(sample);
      }
    }
  } finally {
    await mock.close();
  }
  const rows = ['sdk', 'lean'].map((engine) => {
    const mine = samples.filter((sample) => sample.engine === engine);
    return {
      engine,
      runs: mine.length,
      'CPU µs / event': median(mine.map((sample) => (sample.cpuMs * 1000) / sample.events)).toFixed(1),
      'events/s': Math.round(median(mine.map((sample) => sample.events / (sample.wallMs / 1000)))).toLocaleString('en-US'),
      'CPU s / run': median(mine.map((sample) => sample.cpuMs / 1000)).toFixed(2),
      'TTFT error p50 ms': median(mine.map((sample) => median(sample.ttftErrors!))).toFixed(2),
      'TTFT error p99 ms': median(mine.map((sample) => quantile(sample.ttftErrors!, 0.99))).toFixed(2),
      errors: mine.reduce((sum, sample) => sum + sample.errors, 0),
    };
  });
  printTable(`Lean engine vs SDK engine (medians over interleaved pairs); load average at end ${loadavg().map((load) => load.toFixed(2)).join(' ')}`, rows);
  const ratio = (name: 'CPU µs / event') => (Number(rows[0]![name]) / Number(rows[1]![name])).toFixed(2);
  console.log(`CPU per event, sdk / lean: ${ratio('CPU µs / event')}×`);
}

/**
 * Each attempt's TTFT less the simulator's own (first chunk written − request arrived): what the
 * harness added. Attempts and the simulator's records are paired in sending and arrival order.
 */
function ttftErrors(sample: Sample, served: MockRequestRecord[]): number[] {
  const sent = [...sample.ttfts].sort((left, right) => left[0] - right[0]);
  const arrived = served.filter((record) => record.chunkTimes.length > 0).sort((left, right) => left.arrivedAt - right.arrivedAt);
  if (arrived.length !== sent.length) throw new Error(`${sample.engine}: ${sent.length} answers, but the simulator served ${arrived.length}`);
  return sent.map(([, ttftMs], index) => ttftMs - (arrived[index]!.chunkTimes[0]! - arrived[index]!.arrivedAt));
}

function runDriver(engine: string, url: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--driver', engine, '--url', url, '--streams', options.streams!, '--attempts', options.attempts!], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output.trim().split('\n').at(-1)!) as Sample) : reject(new Error(`${engine} driver exited ${code}`))));
  });
}

/** One engine, in this process alone: warm-up, then the measured attempts, `--streams` at a time. */
async function drive(engine: string, url: string): Promise<void> {
  const { loadTokenCounter } = await import('../src/runner/index.ts');
  const { runAttempt } = await import('../src/runner/run-attempt.ts');
  const { engineAttempt, closeLeanEngine } = await import('../src/runner/lean/engine-attempt.ts');
  const { resolveTargets } = await import('../src/targets/index.ts');
  const [target] = resolveTargets([`openai-compatible:stream@${url}/v1`], { environment: {}, prices: new Map() });
  const lean = engineAttempt({ engine, load: true, targets: [target!], settingName: '--engine' });
  const dependencies = { redact: (text: string) => text, countTokens: await loadTokenCounter() };
  const settings = { timeoutMs: 60_000, stallTimeoutMs: 30_000 };
  const testCase = { id: 'c', line: 1, messages: [{ role: 'user' as const, content: 'Stream please' }], assert: [], tags: [], vars: {} };
  const attempt = () => (lean ? lean({ target: target!, testCase } as never, settings, dependencies) : runAttempt(target!, testCase, settings, dependencies));
  const ttfts: Sample['ttfts'] = [];
  const runMany = async (count: number, streams: number) => {
    let next = 0;
    let events = 0;
    let errors = 0;
    await Promise.all(
      Array.from({ length: streams }, async () => {
        while (next++ < count) {
          const result = await attempt();
          if (result.error) errors++;
          else if (result.sentAtMs !== undefined && result.timing.ttftMs !== undefined) ttfts.push([performance.timeOrigin + result.sentAtMs, result.timing.ttftMs]);
          // Every token is one event; the role, finish and usage chunks and [DONE] are four more.
          events += (result.usage.outputTokens ?? 0) + 4;
        }
      }),
    );
    return { events, errors };
  };
  // As the CLI does: the thread that parses and scores yields to the ones that stamp, once the
  // first request is sent (the SDK engine's transport worker; the lean engine's pool, made by the warm-up).
  const { prioritizeTransport } = await import('../src/runner/index.ts');
  prioritizeTransport();
  await runMany(Number(options.streams), Number(options.streams));
  // The simulator's ground truth is of the measured attempts only.
  await fetch(`${url}/__mock/requests`, { method: 'DELETE' });
  ttfts.length = 0;
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const { events, errors } = await runMany(Number(options.attempts), Number(options.streams));
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  await closeLeanEngine();
  console.log(JSON.stringify({ engine, cpuMs: (cpu.user + cpu.system) / 1000, wallMs, events, errors, ttfts } satisfies Sample));
}
