import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { unwrapLines } from './support/unwrap-lines.ts';
import { jsonl, makeWorkspace, testPrices } from './support/run-folder.ts';
import { readRunOutputs, slotTallies } from './support/run-outputs.ts';

/** USD per token of the test price table (0.15 and 0.60 per million). */
const inputPrice = 0.15 / 1e6;
const outputPrice = 0.6 / 1e6;
const maxTokens = 200;
const caseCount = 20;
const caseIds = Array.from({ length: caseCount }, (_, index) => `case-${index}`);
/**
 * Every answer is padded to --max-tokens, so a request costs about its worst case (~$0.000124):
 * a budget of $0.001 lets 7 or 8 of the 20 requests through.
 */
const budget = 0.001;

describe('--max-cost', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let dataset: string;
  let prices: string;

  beforeEach(async () => {
    server = await startMockServer({
      profiles: constantMockProfiles(
        { id: 'priced', ttftMs: 10, tokensPerSecond: 20_000, tokensPerChunk: 20, outputTokens: maxTokens, answer: { policy: 'echo' } },
        { id: 'unpriced', ttftMs: 10, tokensPerSecond: 20_000, answer: { policy: 'echo' } },
      ),
    });
    workspace = await makeWorkspace();
    dataset = await workspace.write('cases.jsonl', jsonl(caseIds.map((id) => ({ id, prompt: `tell me about ${id}` }))));
    prices = await workspace.write('prices.yaml', testPrices(['priced']));
  });
  afterEach(async () => {
    await server.close();
    await workspace.remove();
  });

  /** What the server was really asked to produce, at the table's prices: what the provider bills. */
  const billedUsd = () =>
    server.requests().reduce((sum, request) => sum + request.inputTokens * inputPrice + request.outputTokens * outputPrice, 0);

  const budgetRun = (folder: string, extra: string[] = ['--warmup', '0'], concurrency = 4) =>
    runCli([
      'run', '--dataset', dataset, '--target', `priced=openai-compatible:priced@${server.url}/v1`, '--prices', prices,
      '--max-tokens', String(maxTokens), '--max-cost', String(budget), '--concurrency', String(concurrency), '--out', folder, ...extra,
    ]);

  it('stops scheduling before the budget could be passed (exit code 3, BUDGET); a resume with a larger budget completes the run', async () => {
    const folder = join(workspace.path, 'run');
    const result = await budgetRun(folder);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(3);
    expect(unwrapLines(result.stdout)).toMatch(/Budget \$0\.001: the 20 requests cost at most \$0\.00\d+ .*scheduling stops before the budget could be passed/);
    expect(result.stdout).toContain('BUDGET: scheduling stopped before --max-cost could be passed.');
    expect(result.stdout).toContain('INCOMPLETE');

    const outputs = await readRunOutputs(folder);
    expect(outputs.manifest).toMatchObject({ status: 'incomplete', budgetReached: true });
    const spent = outputs.lines.reduce((sum, line) => sum + (line.costUsd ?? 0), 0);
    expect(spent).toBeLessThanOrEqual(budget);
    // Most of the budget is used: the guard is not so cautious that it is useless.
    expect(spent).toBeGreaterThan(budget * 0.7);
    expect(outputs.lines.length).toBeGreaterThan(0);
    expect(outputs.lines.length).toBeLessThan(caseCount);
    // The summary says how much of the plan its figures cover, and that the run stopped short.
    expect(outputs.summary.every((row) => row.run_incomplete === 'true')).toBe(true);
    expect(Number(outputs.summary[0]?.requests) + Number(outputs.summary[0]?.not_sent)).toBe(caseCount);
    expect(result.stdout).toMatch(new RegExp(`│\\s+${outputs.lines.length} of ${caseCount} │`));
    // What was recorded is what was sent, and what the provider would bill.
    expect(server.requests()).toHaveLength(outputs.lines.length);
    expect(billedUsd()).toBeLessThanOrEqual(budget);
    expect(billedUsd()).toBeCloseTo(spent, 9);

    const resumed = await runCli([
      'run', '--resume', folder, '--prices', prices, '--max-tokens', String(maxTokens), '--max-cost', '1', '--warmup', '0',
    ]);
    expect(resumed.stderr).toBe('');
    expect(resumed.exitCode).toBe(0);
    const completed = await readRunOutputs(folder);
    expect(completed.manifest.status).toBe('completed');
    for (const tally of slotTallies(completed, 'priced', caseIds)) expect(tally).toMatchObject({ finals: 1, answers: 1 });
    // Nothing answered before the stop was paid for twice.
    expect(server.requests()).toHaveLength(caseCount);
  });

  it('counts the warm-up requests against the budget (default --warmup 1)', async () => {
    const result = await budgetRun(join(workspace.path, 'run'), []);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/the 20 requests and 1 warm-up requests cost at most/);
    expect(billedUsd()).toBeLessThanOrEqual(budget);
  });

  it('keeps the budget of the run when resuming it with the command the CLI prints', async () => {
    const folder = join(workspace.path, 'run');
    const first = await budgetRun(folder);
    expect(first.exitCode).toBe(3);
    expect(first.stdout).toContain(`npx llm-bench run --resume ${folder}`);
    const resumed = await runCli(['run', '--resume', folder, '--warmup', '0']);
    expect(resumed.exitCode).toBe(3);
    expect(unwrapLines(resumed.stdout)).toMatch(/Budget \$0\.001: \$0\.000\d+ already spent by this run/);
    expect(billedUsd()).toBeLessThanOrEqual(budget);
    // Priced with the run's own --prices table, not the default one.
    const outputs = await readRunOutputs(folder);
    const answered = outputs.lines.filter((line) => line.status === 'ok');
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.every((line) => line.costUsd !== undefined)).toBe(true);
  });

  it('counts the warm-ups of an earlier session when resuming: they have no record, but run.json keeps their cost', async () => {
    const folder = join(workspace.path, 'run');
    const first = await budgetRun(folder, ['--warmup', '2']);
    expect(first.exitCode).toBe(3);
    const before = await readRunOutputs(folder);
    // The two warm-ups are the server's first two requests; nothing else records them.
    const [warmup1, warmup2] = server.requests();
    const warmupUsd = [warmup1!, warmup2!].reduce((sum, request) => sum + request.inputTokens * inputPrice + request.outputTokens * outputPrice, 0);
    expect(before.manifest.warmupCostUsd).toBeCloseTo(warmupUsd, 9);
    const answersUsd = before.lines.reduce((sum, line) => sum + (line.costUsd ?? 0), 0);
    const resumed = await runCli(['run', '--resume', folder, '--warmup', '0']);
    expect(resumed.exitCode).toBe(3);
    expect(resumed.stdout).toContain(`$${(answersUsd + warmupUsd).toPrecision(3)} already spent by this run`);
    expect(billedUsd()).toBeLessThanOrEqual(budget);
    expect((await readRunOutputs(folder)).manifest.warmupCostUsd).toBeCloseTo(warmupUsd, 9);
  });

  it('does not book rate-limited attempts, which cost nothing, against the budget', async () => {
    await server.close();
    server = await startMockServer({
      profiles: constantMockProfiles({ id: 'priced', ttftMs: 10, tokensPerSecond: 20_000, tokensPerChunk: 20, outputTokens: maxTokens, answer: { policy: 'echo' } }),
      faultPlan: [{ kind: 'rate_limit_ms', count: 4 }],
    });
    const folder = join(workspace.path, 'run');
    const result = await budgetRun(folder, ['--warmup', '0'], 1);
    expect(result.exitCode).toBe(3);
    const outputs = await readRunOutputs(folder);
    expect(outputs.lines.filter((line) => line.status === 'error')).toHaveLength(4);
    // Without the 429s the budget pays for 8 answers (see above); they cost nothing, so it still does.
    expect(outputs.lines.filter((line) => line.status === 'ok').length).toBeGreaterThanOrEqual(7);
  });

  it('refuses --max-cost without --max-tokens, and a target without a price, with exit code 2; nothing is sent', async () => {
    const withoutMaxTokens = await runCli([
      'run', '--dataset', dataset, '--target', `openai-compatible:priced@${server.url}/v1`, '--prices', prices, '--max-cost', '1',
    ]);
    expect(withoutMaxTokens.exitCode).toBe(2);
    expect(withoutMaxTokens.stderr).toContain('--max-cost needs --max-tokens');

    const folder = join(workspace.path, 'unpriced-run');
    const withoutPrice = await runCli([
      'run', '--dataset', dataset, '--prices', prices, '--max-tokens', '50', '--max-cost', '1', '--out', folder,
      '--target', `priced=openai-compatible:priced@${server.url}/v1`, '--target', `unpriced=openai-compatible:unpriced@${server.url}/v1`,
    ]);
    expect(withoutPrice.exitCode).toBe(2);
    expect(withoutPrice.stderr).toMatch(/--max-cost needs a price for every target; none in the price table for: unpriced/);
    expect(server.requests()).toHaveLength(0);
    expect(existsSync(join(folder, 'results.jsonl'))).toBe(false);
  });
});
