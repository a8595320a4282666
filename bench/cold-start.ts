/**
 * `llm-bench --help` cold: a new process each time, as a user's shell starts it. Prints medians
 * over `--runs` starts of wall time and of CPU (user + system, from bash's `time`, to the millisecond: on a busy machine
 * the CPU figure moves far less than the wall time), interleaved with Node's own start
 * (`node -e 0`) as the floor, and their ratio. With `--before REF`, the sources of that git
 * revision are unpacked into a temporary folder and its `--help` runs interleaved too: before and
 * after, side by side. main.ts keeps the modules it loads in Node's compile cache (types
 * stripped, bytecode), so the first start after a change pays more: it is shown on its own.
 *
 *   node bench/cold-start.ts [--runs 15] [--before c496a06~1]
 */
import { execSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { printGoals } from './goal-table.ts';
import { median, printTable } from './print-table.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, before: { type: 'string' } } });
const runs = Number(values.runs);
const node = process.execPath;
const main = new URL('../src/cli/main.ts', import.meta.url).pathname;
const launcher = new URL('../bin/llm-bench.js', import.meta.url).pathname;
const cache = mkdtempSync(join(tmpdir(), 'llm-bench-compile-cache-'));
const root = new URL('..', import.meta.url).pathname;

/** The sources (and what they read at start) of a git revision, beside this checkout's node_modules. */
function unpack(ref: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'llm-bench-before-'));
  execSync(`git archive ${JSON.stringify(ref)} src bin data datasets mock package.json | tar -x -C ${JSON.stringify(folder)}`, { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'));
  return folder;
}
const before = values.before ? unpack(values.before) : undefined;
const timeFile = join(cache, '..', `cold-start-time-${process.pid}.txt`);

/**
 * Wall and CPU ms of one start, to exit, output discarded. The CPU is bash's `time` of the command
 * (the child's rusage, to the millisecond; GNU time prints it to 10 ms, a twelfth of a start).
 */
function start(args: string[], env: NodeJS.ProcessEnv = {}): { wallMs: number; cpuMs: number } {
  const startedAt = performance.now();
  const script = 'TIMEFORMAT="%3U %3S"; { time "$@" >/dev/null 2>&1; } 2>"$COLD_START_TIME_FILE"';
  const result = spawnSync('bash', ['-c', script, 'bash', node, ...args], { stdio: 'ignore', env: { ...process.env, NODE_COMPILE_CACHE: cache, COLD_START_TIME_FILE: timeFile, ...env } });
  const wallMs = performance.now() - startedAt;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
  const [user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wallMs, cpuMs: (user! + system!) * 1000 };
}

const commands: Record<string, string[]> = {
  'node -e 0 (Node alone)': ['-e', '0'],
  'llm-bench --help': [main, '--help'],
  'llm-bench run --help': [main, 'run', '--help'],
  'bin/llm-bench.js --help': [launcher, '--help'],
  ...(before ? { [`before (${values.before}): llm-bench --help`]: [join(before, 'src/cli/main.ts'), '--help'] } : {}),
};
type Name = string;

const load = () => loadavg().map((average) => average.toFixed(2)).join(' ');
console.log(`load average at start: ${load()}; ${runs} starts each, interleaved`);
// The first start fills the cache folder: what the first `--help` after an install or a change costs.
const first = start([main, '--help']);
const noCache = Array.from({ length: Math.min(runs, 5) }, () => start([main, '--help'], { NODE_DISABLE_COMPILE_CACHE: '1' }));
const times = Object.fromEntries(Object.keys(commands).map((name) => [name, [] as Array<{ wallMs: number; cpuMs: number }>]));
// Warm the cache of every command once, then interleave.
for (const name of Object.keys(commands)) start(commands[name]!);
for (let run = 0; run < runs; run++) for (const name of Object.keys(commands)) times[name]!.push(start(commands[name]!));
rmSync(cache, { recursive: true, force: true });
rmSync(timeFile, { force: true });
if (before) rmSync(before, { recursive: true, force: true });

const wall = (name: Name) => median(times[name]!.map((time) => time.wallMs));
const cpu = (name: Name) => median(times[name]!.map((time) => time.cpuMs));
const floor = 'node -e 0 (Node alone)';
printTable(`Cold starts, median of ${runs} (compile cache filled)`, Object.keys(commands).map((name) => ({
  command: name,
  'wall ms': wall(name).toFixed(0),
  'min wall ms': Math.min(...times[name]!.map((time) => time.wallMs)).toFixed(0),
  'wall vs node -e 0': `${(wall(name) / wall(floor)).toFixed(2)}x`,
  'CPU ms': cpu(name).toFixed(0),
  'CPU vs node -e 0': `${(cpu(name) / cpu(floor)).toFixed(2)}x`,
})));
console.log(`First start with an empty compile cache: ${first.wallMs.toFixed(0)} ms wall, ${first.cpuMs.toFixed(0)} ms CPU; with the cache disabled (NODE_DISABLE_COMPILE_CACHE=1), median of ${noCache.length}: ${median(noCache.map((time) => time.wallMs)).toFixed(0)} ms wall, ${median(noCache.map((time) => time.cpuMs)).toFixed(0)} ms CPU.`);
const beforeName = Object.keys(commands).find((name) => name.startsWith('before'));
if (beforeName) console.log(`Before / after, llm-bench --help: wall ${(wall(beforeName) / wall('llm-bench --help')).toFixed(2)}x, CPU ${(cpu(beforeName) / cpu('llm-bench --help')).toFixed(2)}x as much before.`);
printGoals(`Goal: cold start; load average at end ${load()}`, [
  { measure: '`llm-bench --help` cold (node src/cli/main.ts), wall', goal: '<= 150 ms', figure: wall('llm-bench --help'), limit: 150, unit: 'ms', anchor: 'issue: 1.26 s through npx; promptfoo 2.2 s' },
  { measure: '`llm-bench run --help` cold, wall', goal: '<= 150 ms', figure: wall('llm-bench run --help'), limit: 150, unit: 'ms' },
  { measure: '`llm-bench --help` cold, CPU (a busy machine\'s fairer figure)', goal: '<= 150 ms', figure: cpu('llm-bench --help'), limit: 150, unit: 'ms', anchor: `node -e 0: ${cpu(floor).toFixed(0)} ms` },
]);
