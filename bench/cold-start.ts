/**
 * `llm-bench --help` cold: a new process each time, as a user's shell starts it. Before and after
 * a change cannot run side by side in one checkout, so this prints absolute medians over `--runs`
 * starts, interleaved with Node's own start (`node -e 0`) as the floor, and their ratio.
 * main.ts keeps the modules it loads in Node's compile cache (types stripped, bytecode), so the
 * first start after a change pays more: it is shown on its own (a fresh cache folder).
 *
 *   node bench/cold-start.ts [--runs 15]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { printGoals } from './goal-table.ts';
import { median, printTable } from './print-table.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const node = process.execPath;
const main = new URL('../src/cli/main.ts', import.meta.url).pathname;
const launcher = new URL('../bin/llm-bench.js', import.meta.url).pathname;
const cache = mkdtempSync(join(tmpdir(), 'llm-bench-compile-cache-'));

/** Wall ms of one start, to exit, output discarded. */
function start(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const startedAt = performance.now();
  const result = spawnSync(node, args, { stdio: 'ignore', env: { ...process.env, NODE_COMPILE_CACHE: cache, ...env } });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
  return performance.now() - startedAt;
}

const commands = {
  'node -e 0 (Node alone)': ['-e', '0'],
  'llm-bench --help': [main, '--help'],
  'llm-bench run --help': [main, 'run', '--help'],
  'bin/llm-bench.js --help': [launcher, '--help'],
} as const;
type Name = keyof typeof commands;

const load = () => loadavg().map((average) => average.toFixed(2)).join(' ');
console.log(`load average at start: ${load()}; ${runs} starts each, interleaved`);
// The first start fills the cache folder: what the first `--help` after an install or a change costs.
const firstMs = start([main, '--help']);
const noCacheMs = median(Array.from({ length: Math.min(runs, 5) }, () => start([main, '--help'], { NODE_DISABLE_COMPILE_CACHE: '1' })));
const times = Object.fromEntries(Object.keys(commands).map((name) => [name, [] as number[]])) as Record<Name, number[]>;
for (let run = 0; run < runs; run++) for (const name of Object.keys(commands) as Name[]) times[name].push(start([...commands[name]]));
rmSync(cache, { recursive: true, force: true });

const floor = median(times['node -e 0 (Node alone)']);
printTable(`Cold starts, median of ${runs} (compile cache filled)`, (Object.keys(commands) as Name[]).map((name) => ({
  command: name,
  'median ms': median(times[name]).toFixed(0),
  'min ms': Math.min(...times[name]).toFixed(0),
  'vs node -e 0': `${(median(times[name]) / floor).toFixed(2)}x`,
})));
console.log(`First start with an empty compile cache: ${firstMs.toFixed(0)} ms; with the cache disabled (NODE_DISABLE_COMPILE_CACHE=1), median of ${Math.min(runs, 5)}: ${noCacheMs.toFixed(0)} ms.`);
printGoals(`Goal: cold start; load average at end ${load()}`, [
  { measure: '`llm-bench --help` cold (node src/cli/main.ts)', goal: '<= 150 ms', figure: median(times['llm-bench --help']), limit: 150, unit: 'ms', anchor: 'before: 1.26 s through npx; promptfoo 2.2 s' },
  { measure: '`llm-bench run --help` cold', goal: '<= 150 ms', figure: median(times['llm-bench run --help']), limit: 150, unit: 'ms' },
]);
