/**
 * The lean engine against the SDK engine: CPU per streamed event (the whole process, every
 * thread: main, transport workers) and SSE events per second delivered, against the simulator in
 * its own process, asked for more than one core can parse. Each engine runs in a fresh child
 * process, interleaved A B A B A B; the table gives medians over the pairs.
 *
 *   node bench/lean-engine.ts [--pairs 3] [--streams 64] [--attempts 640]
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { printTable, median } from './print-table.ts';
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

type Sample = { engine: string; cpuMs: number; wallMs: number; events: number; errors: number };

if (options.driver) await drive(options.driver, options.url!);
else await compare();

async function compare(): Promise<void> {
  const tokens = Number(options.tokens);
  const tokensPerSecond = Number(options['tokens-per-second']);
  const mock = await spawnMock({
    models: [{ id: 'stream', ttftMs: { p50: 20, p90: 20 }, tokensPerSecond, tokensPerChunk: 1, outputTokens: tokens, answer: { policy: 'fixed', text: 'word' } }],
  });
  const streams = Number(options.streams);
  console.log(`${streams} streams of ${tokens} tokens at ${tokensPerSecond} tokens/s each: ${(streams * tokensPerSecond).toLocaleString('en-US')} events/s asked, ${options.attempts} attempts per run`);
  const samples: Sample[] = [];
  try {
    for (let pair = 0; pair < Number(options.pairs); pair++) {
      for (const engine of ['sdk', 'lean']) samples.push(await runDriver(engine, mock.url));
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
      errors: mine.reduce((sum, sample) => sum + sample.errors, 0),
    };
  });
  printTable('Lean engine vs SDK engine (medians over interleaved pairs)', rows);
  const ratio = (name: 'CPU µs / event') => (Number(rows[0]![name]) / Number(rows[1]![name])).toFixed(2);
  console.log(`CPU per event, sdk / lean: ${ratio('CPU µs / event')}×`);
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
  const runMany = async (count: number, streams: number) => {
    let next = 0;
    let events = 0;
    let errors = 0;
    await Promise.all(
      Array.from({ length: streams }, async () => {
        while (next++ < count) {
          const result = await attempt();
          if (result.error) errors++;
          // Every token is one event; the role, finish and usage chunks and [DONE] are four more.
          events += (result.usage.outputTokens ?? 0) + 4;
        }
      }),
    );
    return { events, errors };
  };
  await runMany(Number(options.streams), Number(options.streams));
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const { events, errors } = await runMany(Number(options.attempts), Number(options.streams));
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  await closeLeanEngine();
  console.log(JSON.stringify({ engine, cpuMs: (cpu.user + cpu.system) / 1000, wallMs, events, errors } satisfies Sample));
}
