import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { makeWorkspace } from './support/run-folder.ts';

type ChoiceJson = {
  options: Array<{ target: string; onFrontier: boolean; cases: number; passRate: number; passRateInterval: { low: number; high: number }; costPerRequestUsd: number; costPerPassedUsd: number; ttftP50Ms: { estimate?: number } }>;
  recommendation: { recommended: { target: string }; best: { target: string }; candidates: Array<{ target: string; cases: number; lost: unknown[] }>; paragraph: string };
};

/**
 * `choose` on a real run: two simulated targets (GPT-4o and GPT-4o mini, whose profiles differ in
 * accuracy, price and speed) on two shipped datasets, answered from their answer books.
 */
describe('llm-bench choose', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let folder: string;
  beforeAll(async () => {
    workspace = await makeWorkspace();
    folder = join(workspace.path, 'run');
    const run = await runCli([
      'run', '-d', 'datasets/smoke.jsonl', '-d', 'datasets/json-extraction.jsonl',
      '-t', 'simulated:openai/gpt-4o-mini@azure', '-t', 'simulated:openai/gpt-4o',
      '--warmup', '0', '--concurrency', '8', '--out', folder,
    ], { timeoutMs: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
  }, 150_000);
  afterAll(async () => {
    await workspace.remove();
  });

  it('prints the frontier and a recommendation that names its evidence and caveats', async () => {
    const result = await runCli(['choose', folder]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(100);
    // Mini is cheaper and faster, GPT-4o passes more: each is better on something, so both are on the frontier.
    expect(lines.some((line) => line.startsWith('│ * openai/gpt-4o-mini@azure '))).toBe(true);
    expect(lines.some((line) => line.startsWith('│ * openai/gpt-4o '))).toBe(true);
    const paragraph = result.stdout.slice(result.stdout.indexOf('Recommendation: ')).replace(/\n/g, ' ').trim();
    expect(paragraph).toMatch(/^Recommendation: Choose openai\/gpt-4o(-mini@azure)?: /);
    // The evidence: the paired cases, the interval, the cost.
    expect(paragraph).toMatch(/95% CI [−+]?\d+\.\d to [−+]?\d+\.\d/);
    expect(paragraph).toMatch(/ of 37 cases/);
    expect(paragraph).toMatch(/\d+% of the cost/);
    expect(paragraph).toContain('Caveats: openai/gpt-4o');
    expect(paragraph).toContain('simulated: illustrative figures, not measurements');
  });

  it('prints the same choice as JSON, and nothing else, with --json', async () => {
    const text = await runCli(['choose', folder]);
    const result = await runCli(['choose', folder, '--json']);
    expect(result.exitCode).toBe(0);
    const choice = JSON.parse(result.stdout) as ChoiceJson;
    expect(choice.options.map((option) => [option.target, option.onFrontier, option.cases])).toEqual([
      ['openai/gpt-4o-mini@azure', true, 37],
      ['openai/gpt-4o', true, 37],
    ]);
    const [mini, large] = choice.options as [ChoiceJson['options'][0], ChoiceJson['options'][0]];
    expect(mini.costPerRequestUsd).toBeLessThan(large.costPerRequestUsd);
    expect(large.costPerPassedUsd).toBeCloseTo(large.costPerRequestUsd * 37 / Math.round(large.passRate * 37), 12);
    expect(choice.recommendation.best.target).toBe('openai/gpt-4o');
    expect(choice.recommendation.candidates.map((candidate) => [candidate.target, candidate.cases])).toEqual([['openai/gpt-4o-mini@azure', 37]]);
    // Computed from the figures alone: the same run gives the same paragraph, word for word.
    expect(text.stdout.slice(text.stdout.indexOf('Recommendation: ') + 'Recommendation: '.length).replace(/\n/g, ' ').trim()).toBe(choice.recommendation.paragraph);
  });

  it('refuses a folder that holds no run with exit code 2, naming it', async () => {
    const result = await runCli(['choose', workspace.path]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${workspace.path}: not a run folder (no run.json)`);
  });
});

/** One run, one interval: with repeats, choose's pass-rate interval is summary.json's, not one of its own. */
describe('llm-bench choose with repeats', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let folder: string;
  beforeAll(async () => {
    workspace = await makeWorkspace();
    folder = join(workspace.path, 'run');
    const run = await runCli([
      'run', '-d', 'datasets/smoke.jsonl', '-t', 'simulated:openai:gpt-4o-mini', '-t', 'simulated:anthropic:claude-sonnet-4',
      '-r', '3', '--warmup', '0', '--concurrency', '8', '--out', folder,
    ], { timeoutMs: 120_000 });
    expect(run.exitCode).toBe(0);
  }, 150_000);
  afterAll(async () => {
    await workspace.remove();
  });

  it('shows the pass rate and interval summary.json holds', async () => {
    const result = await runCli(['choose', folder, '--json']);
    expect(result.exitCode).toBe(0);
    const choice = JSON.parse(result.stdout) as ChoiceJson;
    const summary = JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8')) as { summaries: Array<{ target: string; pass_rate: number; pass_rate_ci_low: number; pass_rate_ci_high: number }> };
    expect(choice.options.map((option) => option.target)).toEqual(summary.summaries.map((row) => row.target));
    for (const [index, option] of choice.options.entries()) {
      const row = summary.summaries[index]!;
      expect(option.passRate).toBeCloseTo(row.pass_rate, 6);
      expect(option.passRateInterval.low).toBeCloseTo(row.pass_rate_ci_low, 6);
      expect(option.passRateInterval.high).toBeCloseTo(row.pass_rate_ci_high, 6);
    }
    // The t interval on the case shares reached 100% for a target that failed some case every time; Wilson does not.
    expect(choice.options.every((option) => option.passRate === 1 || option.passRateInterval.high < 1)).toBe(true);
  });
});
