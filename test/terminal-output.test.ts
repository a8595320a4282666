import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockProfilesSchema } from '../src/config/mock-profile-schema.ts';
import { startMockServer, type MockServer } from '../src/mock/index.ts';
import { displayWidth } from '../src/reports/display-width.ts';
import { runCli } from './support/run-cli.ts';
import { unwrapLines } from './support/unwrap-lines.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';

const schema = JSON.parse(await readFile(new URL('../schema/summary.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const cases = Array.from({ length: 12 }, (_, index) => ({ id: `sum-${index + 1}`, prompt: `What is ${index + 1} plus ${index + 1}?`, expected: String(2 * (index + 1)) }));

/** Labels as long as real ones: a model, a date, a route. */
const healthy = ['llama-3.1-70b-instruct-turbo-together-eu', 'mistral-large-2411-instruct-mistral-eu-west', 'qwen2.5-72b-instruct-2024-09-fireworks-us', 'gpt-4o-mini-2024-07-18-openai-proxy-east'];

const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));
/** The table's lines: those drawn with its borders. */
const tableLines = (text: string) => text.split('\n').filter((line) => /^[│┌├└]/.test(line));

/** What a user sees at the end of a run: the summary table, errors under it, and --json for scripts. */
describe('the terminal after a run', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let closedPort: number;
  const target = (label: string, model: string) => `${label}=openai-compatible:${model}@${server.url}/v1`;
  const run = (args: string[]) => runCli(['run', '-d', 'cases.jsonl', '--warmup', '0', '--retries', '0', '--concurrency', '8', ...args], { cwd: workspace.path });

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await workspace.write('cases.jsonl', jsonl(cases));
    server = await startMockServer({
      cases,
      profiles: mockProfilesSchema.parse({
        models: [
          { id: 'right', ttftMs: { p50: 5, p90: 5 }, tokensPerSecond: 1000, answer: { policy: 'oracle', accuracy: 1 } },
          // Every request fails, half with a 500 and half with the connection dropped.
          { id: 'broken', ttftMs: { p50: 5, p90: 5 }, tokensPerSecond: 1000, faultRates: { server_error: 0.5, drop: 0.5 } },
        ],
      }),
    });
    // A port nothing listens on: connecting to it is refused at once.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  it('fits the summary of 4 targets with long labels in 100 columns; --wide shows every figure, wider', async () => {
    const targets = healthy.flatMap((label) => ['-t', target(label, 'right')]);
    const fitted = await run([...targets, '--out', 'fitted']);
    expect(fitted.exitCode, fitted.stderr).toBe(0);
    expect(widest(fitted.stdout)).toBeLessThanOrEqual(100);
    // Each target on its own row, with its pass rate and interval: 12 of 12 passed.
    const rows = tableLines(fitted.stdout).filter((line) => line.includes('100.0 [76–100]'));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const label of ['llama-3.1', 'mistral-large', 'qwen2.5', 'gpt-4o-mini']) expect(rows.some((line) => line.startsWith(`│ ${label}`))).toBe(true);
    expect(fitted.stdout).toMatch(/Not shown at this width: .* \(--wide shows every figure\)\./);

    const wide = await run([...targets, '--wide', '--out', 'wide']);
    expect(wide.exitCode, wide.stderr).toBe(0);
    expect(widest(wide.stdout)).toBeGreaterThan(100);
    for (const label of healthy) expect(wide.stdout).toContain(`│ ${label} `);
    expect(wide.stdout).toContain('TTFT ms p50 [CI] / p90 / p99');
    expect(wide.stdout).not.toContain('Not shown at this width');
  }, 120_000);

  it('shows each failing target its errors by type and its first error message: a refused connection, a server that fails', async () => {
    const result = await run([
      '-t', target('healthy', 'right'),
      '-t', target('broken', 'broken'),
      '-t', `closed=openai-compatible:llama@http://127.0.0.1:${closedPort}/v1`,
      '--max-error-rate', '1',
      '--out', 'failing',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(widest(result.stdout)).toBeLessThanOrEqual(100);
    const lines = result.stdout.split('\n');
    const errors = lines.indexOf('Errors by type (requests that ended unanswered):');
    // Just under the table.
    expect(errors).toBeGreaterThan(-1);
    expect(lines[errors - 1]).toMatch(/^(└|Not shown)/);
    const broken = lines.slice(errors).find((line) => line.startsWith('  broken: '));
    expect(broken).toMatch(/^ {2}broken: (server_error \d+ · network \d+|network \d+ · server_error \d+)$/);
    const counts = [...broken!.matchAll(/(\d+)/g)].map((match) => Number(match[1]));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(cases.length);
    expect(lines[lines.indexOf(broken!) + 1]).toMatch(/^ {4}first error: (server_error \(HTTP 500\)|network): \S/);
    expect(lines.slice(errors)).toContain(`  closed: network ${cases.length}`);
    const closed = lines.indexOf(`  closed: network ${cases.length}`);
    expect(lines[closed + 1]).toMatch(new RegExp(`^ {4}first error: network: .*ECONNREFUSED 127\\.0\\.0\\.1:${closedPort}`));
    // The healthy target failed nothing, and is not named.
    expect(lines.slice(errors).some((line) => line.startsWith('  healthy'))).toBe(false);
  }, 120_000);

  it('names a stopped target and gives its first error, whatever its success rate', async () => {
    // 40 cases, 2 at a time: the circuit breaker (10 failures of the last 20) stops it with cases left.
    await workspace.write('many.jsonl', jsonl(Array.from({ length: 40 }, (_, index) => ({ id: `echo-${index}`, prompt: `say ${index}` }))));
    const result = await runCli(['run', '-d', 'many.jsonl', '--warmup', '0', '--retries', '0', '--concurrency', '2', '-t', target('healthy', 'right'), '-t', target('broken', 'broken'), '--out', 'stopped'], { cwd: workspace.path });
    expect(result.exitCode, result.stderr).toBe(3);
    expect(result.stdout).toMatch(/^ {2}broken: .*\d+ \(stopped\)$/m);
    expect(result.stdout).toMatch(/│ broken +│ +\d+ of 40 │/);
    expect(result.stdout).toMatch(/^ {4}first error: /m);
    expect(result.stdout).toMatch(/STOPPED broken: circuit breaker/);
  }, 120_000);

  it('--json prints one document on stdout that the schema accepts; the table, notices and gate lines go to stderr', async () => {
    const result = await run([
      '-t', target('healthy', 'right'),
      '-t', `closed=openai-compatible:llama@http://127.0.0.1:${closedPort}/v1`,
      '--gate', 'pass_rate >= 0.5',
      '--max-error-rate', '1',
      '--json',
      '--out', 'json',
    ]);
    expect(result.exitCode).toBe(4);
    const document = JSON.parse(result.stdout) as Record<string, unknown> & { summaries: Array<Record<string, unknown>>; gates: Array<Record<string, unknown>> };
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(document).toMatchObject({ version: 1, exitCode: 4, incomplete: false, interrupted: false, stoppedTargets: [], budgetReached: false });
    expect(document.folder).toBe(`${workspace.path}/json`);
    expect(document.summaries.map((row) => [row.target, row.requests, row.pass_rate, row.error_counts])).toEqual([
      ['healthy', 12, 1, {}],
      ['closed', 12, 0, { network: 12 }],
    ]);
    expect(document.gates.map((gate) => [gate.target, gate.passed])).toEqual([['healthy', true], ['closed', false]]);
    // summary.json holds the same summaries.
    const written = JSON.parse(await readFile(`${workspace.path}/json/summary.json`, 'utf8')) as { summaries: unknown[] };
    expect(written.summaries).toEqual(document.summaries);
    expect(result.stderr).toContain('│ healthy');
    expect(result.stderr).toContain('Errors by type');
    expect(result.stderr).toContain('GATE FAILED pass_rate >= 0.5: closed');
    expect(result.stderr).toContain('Reports in ');
  }, 120_000);

  it('--json with --sweep: one document with the curve, its run and summaries the last step\'s, valid against the schema', async () => {
    const result = await runCli(['run', '-d', 'cases.jsonl', '-t', 'simulated:openai/gpt-4o-mini', '--warmup', '0', '--sweep', 'rate=40,80', '--json', '--out', 'swept'], { cwd: workspace.path });
    expect(result.exitCode, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout) as { folder: string; run: { runId: string }; sweep: { steps: Array<{ folder: string; rate: number }>; rows: unknown[] } };
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(document.folder).toBe(`${workspace.path}/swept`);
    expect(document.sweep.steps.map((step) => [step.folder, step.rate])).toEqual([['step-1-rate-40', 40], ['step-2-rate-80', 80]]);
    expect(document.sweep.rows).toHaveLength(2);
    const lastRun = JSON.parse(await readFile(`${workspace.path}/swept/step-2-rate-80/run.json`, 'utf8')) as { runId: string };
    expect(document.run.runId).toBe(lastRun.runId);
  }, 120_000);

  it('demo --json too: stdout parses whole, stderr has the notices and the table', async () => {
    await workspace.write('two.jsonl', jsonl([{ id: 'capital', prompt: 'What is the capital of France?', expected: 'Paris' }, { id: 'sum', prompt: 'What is 2 plus 2?', expected: '4' }]));
    const result = await runCli(['demo', '--dataset', 'two.jsonl', '--json', '--out', 'demo'], { cwd: workspace.path });
    expect(result.exitCode, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout) as { summaries: Array<{ simulated: boolean }>; run: { simulatedTargets: string[] } };
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(document.summaries).toHaveLength(4);
    expect(document.summaries.every((row) => row.simulated)).toBe(true);
    expect(result.stderr).toContain('Simulator on http://127.0.0.1:');
    expect(result.stderr).toContain('(simulated)');
    expect(result.stderr).toContain('All figures above are SIMULATED');
  }, 120_000);

  it('fits every line of stdout and stderr in 100 columns: long labels and case ids, a failing gate, a stopped run, a long dataset path', async () => {
    const folder = `data-${'d'.repeat(70)}`;
    await mkdir(`${workspace.path}/${folder}`);
    // Ids the simulator has no answer for (no expected): the notice names them.
    await workspace.write(`${folder}/long-ids.jsonl`, jsonl([
      ...Array.from({ length: 20 }, (_, index) => ({ id: `case-${index}-${'i'.repeat(300)}`, prompt: `Tell me about ${index}`, assert: [{ type: 'contains', value: 'zzz' }] })),
      ...Array.from({ length: 4 }, (_, index) => ({ id: `open-${index}-${'o'.repeat(300)}`, prompt: `Say anything about ${index}` })),
    ]));
    const labels = ['y'.repeat(300), '模型標籤'.repeat(20), `evil\u001B[2J${'e'.repeat(150)}`];
    const result = await runCli([
      'run', '-d', `${folder}/long-ids.jsonl`, '--warmup', '0', '--retries', '0',
      ...labels.flatMap((label) => ['-t', `${label}=simulated:openai/gpt-4o-mini`]),
      '-t', `${'c'.repeat(200)}=openai-compatible:llama@http://127.0.0.1:${closedPort}/v1`,
      '--min-pass-rate', '0.99', '--max-error-rate', '0.5', '--concurrency', '2', '--out', 'wrapped',
    ], { cwd: workspace.path });
    expect(result.exitCode, result.stderr).toBe(3);
    for (const output of [result.stdout, result.stderr]) {
      for (const line of output.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(100);
    }
    const unwrapped = unwrapLines(result.stdout);
    expect(unwrapped).toMatch(/4 of 24 cases are unknown to the simulator: their answers are echoes \(open-0-o+…o+, open-1-o+…o+, open-2-o+…o+ and 1 more\)/);
    expect(unwrapped).toMatch(/Simulator on http:\/\/127\.0\.0\.1:\d+: 3 simulated targets, 24 cases from data-d+\/long-ids\.jsonl\./);
    expect(unwrapped).toMatch(/STOPPED c+…c+: /);
    expect(unwrapped).toMatch(/GATE FAILED pass_rate >= 0\.99: y+/);
    expect(unwrapped).toContain(`The run is INCOMPLETE. Complete it with: npx llm-bench run --resume ${workspace.path}/wrapped`);

    const demo = await runCli(['demo', '--dataset', `${folder}/long-ids.jsonl`, '--out', 'wrapped-demo'], { cwd: workspace.path });
    expect(demo.exitCode, demo.stderr).toBe(0);
    for (const output of [demo.stdout, demo.stderr]) {
      for (const line of output.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(100);
    }
    expect(unwrapLines(demo.stdout)).toContain('All figures above are SIMULATED. Benchmark a real endpoint with `npx llm-bench run --target …` (see README).');
  }, 120_000);

  it('--json: a write straight to descriptor 1 (a reporter\'s fs.writeSync(1), a child process with inherited stdio) goes to stderr, not before the document', async () => {
    await workspace.write('fd-reporter.mjs', [
      "import fs from 'node:fs';",
      "import { spawnSync } from 'node:child_process';",
      'export default function noisy() {',
      '  return {',
      "    onEvent(event) { if (event.type === 'run-started') { fs.writeSync(1, 'NOISY fd1\\n'); spawnSync(process.execPath, ['-e', 'console.log(\"NOISY child\")'], { stdio: 'inherit' }); } },",
      '    render() { return []; },',
      '  };',
      '}',
    ].join('\n'));
    // As a shell runs it, `llm-bench run --json > out.json`: descriptor 1 is a file (or a pipe with `|`).
    // (A Node parent's stdio is a socket, which Linux cannot reopen: see move-stdout-descriptor.ts.)
    const cli = fileURLToPath(new URL('../bin/llm-bench.js', import.meta.url));
    const command = `"${process.execPath}" "${cli}" run -d cases.jsonl --warmup 0 -t simulated:openai/gpt-4o --reporter ./fd-reporter.mjs --json --quiet --out fd1 > fd1.json 2> fd1.err`;
    await promisify(execFile)('sh', ['-c', command], { cwd: workspace.path, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' } });
    const document = JSON.parse(await readFile(`${workspace.path}/fd1.json`, 'utf8')) as { exitCode: number };
    expect(document.exitCode).toBe(0);
    const stderr = await readFile(`${workspace.path}/fd1.err`, 'utf8');
    expect(stderr).toContain('NOISY fd1');
    expect(stderr).toContain('NOISY child');
  }, 120_000);
});
