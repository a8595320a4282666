/**
 * The standard eval job, llm-bench against promptfoo, side by side: 200 cases, concurrency 20,
 * 64 output tokens each, against the simulator running as its own process (the independent
 * ground truth). The two tools run interleaved (A B A B A B), each as a user runs it, and for
 * each run we read: CPU (user + system of the whole process tree), peak RSS, wall time against
 * the ideal (the simulator's own service time for the job at c=20, from its log), and the time
 * from the spawn to the first measured request's arrival (the simulator's log).
 *
 *   node bench/eval-vs-promptfoo.ts [--pairs 3] [--cases 200] [--concurrency 20] [--tokens 64] [--before REF]
 *
 * `--before REF` unpacks that git revision's sources beside this checkout's node_modules and runs
 * its `llm-bench run` in each round too (the order turning round by round), then prints this
 * checkout's CPU and peak RSS over the revision's, pair by pair: an A/B of a change on one job.
 *
 * promptfoo 0.123.1 is installed into bench/.cache/promptfoo on first use (bench/promptfoo-install.ts).
 */
import { execSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MockRequestRecord } from '../src/mock/index.ts';
import { measureProcess, type ProcessUsage } from './measure-process.ts';
import { printGoals, type Goal } from './goal-table.ts';
import { median, printTable } from './print-table.ts';
import { ensurePromptfoo, promptfooVersion } from './promptfoo-install.ts';
import { spawnMock } from './spawn-mock.ts';

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '3' },
    cases: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '20' },
    tokens: { type: 'string', default: '64' },
    before: { type: 'string' },
  },
});
const pairs = Number(values.pairs);
const cases = Number(values.cases);
const concurrency = Number(values.concurrency);
const tokens = Number(values.tokens);

const promptfooEntry = ensurePromptfoo();
const node = process.execPath;
// `llm-bench` as a user runs it: the package's launcher (bin/), which starts the CLI in this process
// when it can, with Node's compile cache (as promptfoo runs through its own entry).
const main = new URL('../bin/llm-bench.js', import.meta.url).pathname;
const root = new URL('..', import.meta.url).pathname;
const model = 'bench';
// A steady server: TTFT 150 ms, 160 tokens/s: 64 tokens take 0.55 s, and the job's ideal at c=20
// is about 10 rounds of that.
const server = await spawnMock({ models: [{ id: model, ttftMs: { p50: 150, p90: 150 }, tokensPerSecond: 160, outputTokens: tokens, answer: { policy: 'echo' } }] });
const folder = await mkdtemp(join(tmpdir(), 'llm-bench-vs-promptfoo-'));
/** --before: the revision's sources (what `run` reads), beside this checkout's node_modules. */
let beforeMain: string | undefined;
if (values.before) {
  const unpacked = join(folder, 'before');
  execSync(`mkdir -p ${JSON.stringify(unpacked)} && git archive ${JSON.stringify(values.before)} src bin data datasets mock package.json | tar -x -C ${JSON.stringify(unpacked)}`, { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(unpacked, 'node_modules'));
  beforeMain = join(unpacked, 'bin/llm-bench.js');
}

const prompt = (index: number) => `Please repeat item ${index} back to me now`;
const dataset = join(folder, 'cases.jsonl');
await writeFile(dataset, Array.from({ length: cases }, (_unused, index) => JSON.stringify({ id: `c${index}`, prompt: prompt(index), assert: [{ type: 'contains', value: `item ${index}` }] })).join('\n') + '\n');
// promptfoo's own form of the same job: an OpenAI-compatible provider at the simulator's base URL.
const promptfooConfig = join(folder, 'promptfooconfig.yaml');
await writeFile(promptfooConfig, JSON.stringify({
  description: 'llm-bench standard eval job',
  prompts: ['{{prompt}}'],
  providers: [{ id: `openai:chat:${model}`, config: { apiBaseUrl: `${server.url}/v1`, apiKey: 'sk-bench-not-a-key', max_tokens: tokens } }],
  tests: Array.from({ length: cases }, (_unused, index) => ({ vars: { prompt: prompt(index) }, assert: [{ type: 'contains', value: `item ${index}` }] })),
}, null, 2));

type Run = ProcessUsage & { idealMs: number; firstRequestMs: number; warmUpMs: number; requests: number };
type Tool = 'llm-bench' | 'promptfoo' | 'llm-bench before';

/** The job's ideal wall time: the simulator's own service time for its requests, `concurrency` at a time. */
function idealMs(records: MockRequestRecord[]): number {
  const service = records.map((record) => (record.chunkTimes.at(-1) ?? record.arrivedAt) - record.arrivedAt);
  return service.reduce((sum, time) => sum + time, 0) / concurrency;
}

async function measured(tool: Tool, run: number): Promise<Run> {
  await server.clearRequests();
  const out = join(folder, `${tool.replace(' ', '-')}-${run}`);
  const usage = tool !== 'promptfoo'
    ? await measureProcess(node, [tool === 'llm-bench' ? main : beforeMain!, 'run', '-d', dataset, '-t', `openai-compatible:${model}@${server.url}/v1`, '-c', String(concurrency), '--max-tokens', String(tokens), '--quiet', '--out', out], { env: { ...process.env, NO_COLOR: '1' } })
    : await measureProcess(node, [promptfooEntry, 'eval', '-c', promptfooConfig, '-j', String(concurrency), '--no-cache', '--no-progress-bar', '--no-table', '-o', join(folder, `promptfoo-${run}.json`)], {
      cwd: folder,
      env: { ...process.env, PROMPTFOO_CONFIG_DIR: join(folder, `promptfoo-home-${run}`), PROMPTFOO_DISABLE_TELEMETRY: '1', PROMPTFOO_DISABLE_UPDATE: '1', PROMPTFOO_DISABLE_SHARING: '1', NO_COLOR: '1' },
    });
  if (usage.exitCode !== 0 && usage.exitCode !== 100) console.log(`${tool} exited ${usage.exitCode}:\n${usage.output.slice(-2000)}`);
  const records = (await server.requests()).sort((left, right) => left.arrivedAt - right.arrivedAt);
  // The job's own requests are the last `cases`: llm-bench sends an unrecorded warm-up first.
  const job = records.slice(-cases);
  // The first request seen: llm-bench's warm-up (the gap to the first measured one is the warm-up's own time).
  return { ...usage, idealMs: idealMs(job), firstRequestMs: (job[0]?.arrivedAt ?? Number.NaN) - usage.spawnedAt, warmUpMs: (records[0]?.arrivedAt ?? Number.NaN) - usage.spawnedAt, requests: records.length };
}

const load = () => loadavg().map((average) => average.toFixed(2)).join(' ');
console.log(`load average at start: ${load()}; ${cases} cases, c=${concurrency}, ${tokens} tokens; promptfoo ${promptfooVersion}; ${pairs} pairs, interleaved${values.before ? `; before: ${values.before}` : ''}`);
const runs: Record<Tool, Run[]> = { 'llm-bench': [], promptfoo: [], 'llm-bench before': [] };
const tools: Tool[] = beforeMain ? ['llm-bench', 'promptfoo', 'llm-bench before'] : ['llm-bench', 'promptfoo'];
try {
  for (let pair = 0; pair < pairs; pair++) {
    // Turn the order round by round, so that none always follows another's leftovers.
    const order = tools.map((_unused, index) => tools[(index + pair) % tools.length]!);
    for (const tool of order) runs[tool].push(await measured(tool, pair));
  }
} finally {
  await server.close();
  await rm(folder, { recursive: true, force: true });
}

const figure = (tool: keyof typeof runs, of: (run: Run) => number) => median(runs[tool].map(of));
const perTool = (tool: keyof typeof runs) => ({
  tool,
  'CPU s': (figure(tool, (run) => run.cpuMs) / 1000).toFixed(2),
  'peak RSS MB': figure(tool, (run) => run.peakRssMb).toFixed(0),
  'wall s': (figure(tool, (run) => run.wallMs) / 1000).toFixed(2),
  'ideal s': (figure(tool, (run) => run.idealMs) / 1000).toFixed(2),
  'wall / ideal': figure(tool, (run) => run.wallMs / run.idealMs).toFixed(2),
  'first request s': (figure(tool, (run) => run.firstRequestMs) / 1000).toFixed(2),
  'first seen s': (figure(tool, (run) => run.warmUpMs) / 1000).toFixed(2),
  'requests seen': figure(tool, (run) => run.requests),
});
printTable(`Standard eval job against the simulator, medians of ${pairs} interleaved runs each`, tools.map(perTool));

/** Per pair, llm-bench's figure over another's (promptfoo's by default); the median of those ratios. */
const ratio = (of: (run: Run) => number, other: Tool = 'promptfoo') => median(runs['llm-bench'].map((run, index) => of(run) / of(runs[other][index]!)));
if (beforeMain) {
  const range = (of: (run: Run) => number) => {
    const ratios = runs['llm-bench'].map((run, index) => of(run) / of(runs['llm-bench before'][index]!));
    return `${ratio(of, 'llm-bench before').toFixed(2)}x (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})`;
  };
  console.log(`\nThis checkout over ${values.before}, pair by pair (median, min-max of ${pairs}): CPU ${range((run) => run.cpuMs)}, peak RSS ${range((run) => run.peakRssMb)}\n`);
}
const goals: Goal[] = [
  { measure: 'CPU (user+sys, process tree) vs promptfoo', goal: '<= 0.50x', figure: ratio((run) => run.cpuMs), limit: 0.5, unit: 'x' },
  { measure: 'peak RSS vs promptfoo', goal: '<= 0.50x', figure: ratio((run) => run.peakRssMb), limit: 0.5, unit: 'x' },
  { measure: 'wall time vs ideal', goal: '<= 1.10x', figure: figure('llm-bench', (run) => run.wallMs / run.idealMs), limit: 1.1, unit: 'x', anchor: `promptfoo: ${figure('promptfoo', (run) => run.wallMs / run.idealMs).toFixed(2)}x` },
  { measure: 'spawn to first measured request', goal: '<= 0.5 s', figure: figure('llm-bench', (run) => run.firstRequestMs) / 1000, limit: 0.5, unit: 's', anchor: `promptfoo: ${(figure('promptfoo', (run) => run.firstRequestMs) / 1000).toFixed(2)} s` },
];
printGoals(`Goals: standard eval job (${cases} cases, c=${concurrency}), llm-bench against promptfoo ${promptfooVersion}; load average at end ${load()}`, goals);
