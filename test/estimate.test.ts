import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { formatUsd } from '../src/reports/format-usd.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readJsonLines, testPrices } from './support/run-folder.ts';
import { unwrapLines } from './support/unwrap-lines.ts';

/** o200k counts 7 and 5 tokens; ≈ chars/4 counts 8 and 5. Each request adds 3 for its message and 3 for itself. */
const cases = [
  { id: 'q1', prompt: 'What is the capital of France?' },
  { id: 'q2', prompt: 'Name a prime number.' },
];
/** The test price table: 0.15 USD input and 0.60 USD output per million tokens. */
const usd = (input: number, output: number) => (input * 0.15 + output * 0.6) / 1e6;

type Estimate = { targets: Array<Record<string, unknown>>; total: Record<string, number> };

describe('llm-bench estimate', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let dataset: string;
  let prices: string;
  beforeAll(async () => {
    workspace = await makeWorkspace();
    dataset = await workspace.write('tiny.jsonl', jsonl(cases));
    prices = await workspace.write('prices.yaml', testPrices(['openai/gpt-4o-mini', 'anthropic/claude-3-5-haiku-latest', 'priced']));
  });
  afterAll(async () => {
    await workspace.remove();
  });

  it('prints a table per target and a total for a shipped dataset and real targets, with no key, sending nothing', async () => {
    const result = await runCli(['estimate', '-d', 'datasets/smoke.jsonl', '-t', 'openai/gpt-4o-mini', '-t', 'anthropic:claude-3-5-haiku-latest', '-t', 'local=openai-compatible:llama@http://127.0.0.1:9/v1', '--max-tokens', '256']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const lines = unwrapLines(result.stdout).split('\n').filter((line) => line.startsWith('│'));
    // Headings on two lines, so that the table fits in 100 columns.
    expect(lines[0]).toMatch(/│ target\s+│ requests │\s+input │\s+expected │\s+expected │\s+worst │/);
    expect(lines[1]).toMatch(/│\s+│\s+│ tokens │\s+output │\s+USD │\s+USD │/);
    // 13 cases and 1 warm-up per target; GPT-4o mini and Claude priced by the shipped table, the local model not.
    expect(lines.find((line) => line.includes('openai/gpt-4o-mini'))).toMatch(/│\s+14 │\s+[\d,]+ │\s+3,584 │\s+0\.\d+ │\s+0\.\d+ │/);
    expect(lines.find((line) => line.includes('anthropic:claude'))).toMatch(/│\s+14 │\s+≈ [\d,]+ │/);
    expect(lines.find((line) => line.startsWith('│ local '))).toMatch(/│\s+no price │\s+no price │/);
    expect(lines.find((line) => line.includes('total'))).toMatch(/│\s+42 │\s+[\d,]+ │\s+10,752 │/);
    expect(result.stdout).toContain('≈ chars/4');
    expect(unwrapLines(result.stdout)).toContain('Unknown cost: no price for local (add a row with --prices).');
  });

  it('--json: exact figures, o200k for an OpenAI model and chars/4 for the others', async () => {
    const result = await runCli(['estimate', '-d', dataset, '-t', 'openai/gpt-4o-mini', '-t', 'anthropic:claude-3-5-haiku-latest', '--prices', prices, '--max-tokens', '40', '--warmup', '0', '--repeats', '2', '--json']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const estimate = JSON.parse(result.stdout) as Estimate;
    expect(estimate.targets[0]).toMatchObject({ target: 'openai/gpt-4o-mini', requests: 4, inputTokens: 2 * (13 + 11), worstOutputTokens: 160, tokenizers: ['o200k'] });
    expect(estimate.targets[0]?.worstUsd).toBeCloseTo(usd(48, 160), 12);
    expect(estimate.targets[1]).toMatchObject({ requests: 4, inputTokens: 2 * (14 + 11), tokenizers: ['chars/4'] });
    expect(estimate.total.worstUsd).toBeCloseTo(usd(48 + 50, 320), 12);
  });

  it('--from-run: expects the output tokens a past run answered with, per case and target', async () => {
    const folder = join(workspace.path, 'past');
    const past = await runCli(['run', '-d', dataset, '-t', 'simulated:openai/gpt-4o-mini', '--warmup', '0', '--out', folder, '--quiet']);
    expect(past.exitCode).toBe(0);
    const records = await readJsonLines<{ caseId: string; usage: { outputTokens: number } }>(join(folder, 'results.jsonl'));
    const answered = records.reduce((sum, record) => sum + record.usage.outputTokens, 0);
    expect(answered).toBeGreaterThan(0);
    const result = await runCli(['estimate', '-d', dataset, '-t', 'openai/gpt-4o-mini', '--prices', prices, '--warmup', '0', '--from-run', folder, '--json']);
    expect(result.exitCode).toBe(0);
    const estimate = JSON.parse(result.stdout) as Estimate;
    expect(estimate.targets[0]).toMatchObject({ expectedOutputTokens: answered, expectedFrom: 'past run' });
    expect(estimate.targets[0]?.expectedUsd).toBeCloseTo(usd(24, answered), 12);
    // No max tokens: the worst case is unknown, and said so.
    expect(estimate.targets[0]?.worstUsd).toBeUndefined();
    const table = await runCli(['estimate', '-d', dataset, '-t', 'openai/gpt-4o-mini', '--prices', prices, '--from-run', folder]);
    expect(unwrapLines(table.stdout)).toContain('Expected output: the mean output tokens per case in');
  });

  it('refuses bad input with exit code 2: a folder that holds no run', async () => {
    const result = await runCli(['estimate', '-d', dataset, '-t', 'openai/gpt-4o-mini', '--from-run', workspace.path]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--from-run');
  });
});

describe("run's estimate and --confirm-above", () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let dataset: string;
  let prices: string;
  beforeAll(async () => {
    server = await startMockServer({ profiles: constantMockProfiles({ id: 'priced', ttftMs: 5, tokensPerSecond: 20_000, answer: { policy: 'echo' } }) });
    workspace = await makeWorkspace();
    dataset = await workspace.write('tiny.jsonl', jsonl(cases));
    prices = await workspace.write('prices.yaml', testPrices(['priced']));
  });
  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });
  const target = () => `priced=openai-compatible:priced@${server.url}/v1`;

  it('prints the estimate in one line before it starts; with --json, on stderr', async () => {
    const folder = join(workspace.path, 'run');
    const result = await runCli(['run', '-d', dataset, '-t', target(), '--prices', prices, '--max-tokens', '50', '--warmup', '0', '--out', folder]);
    expect(result.exitCode).toBe(0);
    // chars/4 for a model that is not OpenAI's: 14 + 11 input tokens, 2 × 50 output at most.
    expect(unwrapLines(result.stdout)).toContain(`Estimate: 2 requests, ${formatUsd(usd(25, 100))} USD at most (max tokens 50).`);
    const json = await runCli(['run', '-d', dataset, '-t', target(), '--prices', prices, '--max-tokens', '50', '--warmup', '0', '--out', join(workspace.path, 'json'), '--json']);
    expect(json.exitCode).toBe(0);
    expect(unwrapLines(json.stderr)).toContain('Estimate: 2 requests,');
    expect(json.stdout).not.toContain('Estimate:');
    expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();
  });

  it('--confirm-above off a terminal: refused with exit code 5 before any request, no run folder', async () => {
    const before = server.requests().length;
    const folder = join(workspace.path, 'refused');
    const result = await runCli(['run', '-d', dataset, '-t', target(), '--prices', prices, '--max-tokens', '50', '--out', folder, '--confirm-above', '0.000001']);
    expect(result.exitCode).toBe(5);
    expect(unwrapLines(result.stderr)).toMatch(/the run may cost 0\.0000\d+ USD at most, above --confirm-above 0\.000001, and there is no terminal to ask: nothing was sent\. To run it, raise --confirm-above/);
    expect(server.requests().length).toBe(before);
    expect(existsSync(folder)).toBe(false);
    // Below the limit, it runs.
    const allowed = await runCli(['run', '-d', dataset, '-t', target(), '--prices', prices, '--max-tokens', '50', '--warmup', '0', '--out', join(workspace.path, 'allowed'), '--confirm-above', '1']);
    expect(allowed.exitCode).toBe(0);
    expect(server.requests().length).toBe(before + 2);
  });

  it('--confirm-above without max tokens: a cost with no bound is refused too; a simulated run costs 0 and is not', async () => {
    const unbounded = await runCli(['run', '-d', dataset, '-t', target(), '--prices', prices, '--out', join(workspace.path, 'unbounded'), '--confirm-above', '100']);
    expect(unbounded.exitCode).toBe(5);
    expect(unwrapLines(unbounded.stderr)).toContain("the run's cost has no bound");
    const simulatedFolder = join(workspace.path, 'simulated');
    const simulated = await runCli(['run', '-d', dataset, '-t', 'simulated:openai/gpt-4o-mini', '--out', simulatedFolder, '--confirm-above', '0.01', '--quiet']);
    expect(simulated.exitCode).toBe(0);
    expect(simulated.stdout).toContain('0 USD (simulated: nothing is paid)');
    expect(await readdir(simulatedFolder)).toContain('results.jsonl');
  });
});
