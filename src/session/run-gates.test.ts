import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { InputError } from '../config/errors.ts';
import { flagNames } from '../config/settings/setting-names.ts';
import { caseOutcomes } from '../stats/case-outcomes.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import { summarize } from '../stats/summarize.ts';
import { resolveEval } from './resolve-eval.ts';
import { runGates } from './run-gates.ts';

let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  workspace = await makeWorkspace();
});
afterEach(() => workspace.remove());

describe('gates as settings: refused before anything is sent', () => {
  it('places each problem of the eval file at its line: a misspelled figure, a drop without a baseline run', async () => {
    await workspace.write(
      'llm-bench.yaml',
      ['datasets: [a.jsonl]', 'targets: [openai:gpt-4o-mini]', 'gates:', '  checks:', '    - pass_rate >= 0.9', '    - pass_rat >= 0.9', '  maxDrop: 5', ''].join('\n'),
    );
    const refused = resolveEval({ flags: {}, cwd: workspace.path });
    await expect(refused).rejects.toThrow(InputError);
    await expect(refused).rejects.toThrow(
      'llm-bench.yaml:6: gates.checks[1]: unknown figure "pass_rat"; did you mean pass_rate? (figures: pass_rate, success_rate, ttft_p50_ms, ' +
        'ttft_p90_ms, ttft_p99_ms, e2e_p50_ms, e2e_p90_ms, e2e_p99_ms, output_tps_p50, cost_per_1k_requests_usd, cost_usd_total, first_attempt_success_rate, score_mean, ' +
        'ttft_mean_ms, output_tps_mean, inter_chunk_p50_ms, requests, ok, unanswered, not_sent, attempts, scored, passed, input_tokens_total, output_tokens_total)\n' +
        'llm-bench.yaml:7: gates.maxDrop: needs gates.baselineRun DIR, a past run folder to compare with',
    );
  });

  it('names a flag by its text, and reads the baseline run relative to the eval file', async () => {
    const flags = { datasets: ['a.jsonl'], targets: [{ target: 'openai:gpt-4o-mini' }], gates: ['ttft_p50 ratio <= 1.2'] };
    await expect(resolveEval({ flags, cwd: workspace.path })).rejects.toThrow('--gate "ttft_p50 ratio <= 1.2" needs --baseline-run DIR, a past run folder to compare with');
    await mkdir(path.join(workspace.path, 'evals'));
    await mkdir(path.join(workspace.path, 'runs', 'base'), { recursive: true });
    await workspace.write('evals/llm-bench.yaml', 'datasets: [a.jsonl]\ntargets: [openai:gpt-4o-mini]\ngates:\n  baselineRun: ../runs/base\n');
    const config = path.join(workspace.path, 'evals', 'llm-bench.yaml');
    await expect(resolveEval({ flags: { gates: ['pass_rate drop <= 5'] }, config, cwd: workspace.path })).rejects.toThrow(
      `evals/llm-bench.yaml:4: gates.baselineRun: ${path.join(workspace.path, 'runs', 'base')}: not a run folder (no run.json)`,
    );
    await workspace.write('runs/base/run.json', '{}');
    const { settings } = await resolveEval({ flags: { gates: ['pass_rate drop <= 5'] }, config, cwd: workspace.path });
    expect(settings).toMatchObject({ gates: ['pass_rate drop <= 5'], baselineRun: path.join(workspace.path, 'runs', 'base'), alpha: 0.05, midP: false, powerMargin: 0.05 });
  });
});

describe('runGates', () => {
  const verdicts = (passed: number, n: number) =>
    Array.from({ length: n }, (_, index) => makeAttempt({ target: 'mini', caseId: `case-${index}`, score: { score: 1, passed: index < passed, reason: '' } }));
  const settings = { alpha: 0.05, midP: false, powerMargin: 0.05 };

  it('runs --min-pass-rate as pass_rate >= R, and a drop gate on the baseline run the comparison pairs', async () => {
    const base = verdicts(50, 60);
    const current = verdicts(40, 60);
    const run = { folder: '/runs/current', records: current, summaries: summarize(current) };
    const baseOutcomes = [...caseOutcomes(base).values()];
    const currentOutcomes = [...caseOutcomes(current).values()];
    const asked: string[][] = [];
    const compare = async (baseFolder: string, currentFolder: string) => {
      asked.push([baseFolder, currentFolder]);
      return { comparisons: [{ target: 'mini', prompt: 'default', pairs: baseOutcomes.map((outcome, index) => ({ key: outcome.key, caseId: outcome.caseId, base: outcome, current: currentOutcomes[index]! })) }] };
    };
    const results = await runGates(run, { ...settings, minPassRate: 0.5, maxDrop: 5, baselineRun: 'runs/base' }, flagNames, { cwd: '/work', compare });
    expect(asked).toEqual([['/work/runs/base', '/runs/current']]);
    expect(results.map((result) => [result.gate, result.passed])).toEqual([
      ['pass_rate >= 0.5', true],
      ['pass_rate drop <= 5', false],
    ]);
  });

  it('fails every drop and ratio gate, with the reason, when the runs cannot be compared', async () => {
    const current = verdicts(10, 10);
    const compare = async () => {
      throw new InputError('cases changed since the base run: smoke/q1; pass --allow-changed to compare them anyway');
    };
    const results = await runGates({ folder: '/runs/current', records: current, summaries: summarize(current) }, { ...settings, gates: ['pass_rate >= 0.5', 'pass_rate drop <= 5'], baselineRun: 'base' }, flagNames, { cwd: '/work', compare });
    expect(results.map((result) => [result.gate, result.passed, result.passed ? '' : result.line])).toEqual([
      ['pass_rate >= 0.5', true, ''],
      ['pass_rate drop <= 5', false, 'cannot compare with --baseline-run base: cases changed since the base run: smoke/q1; pass --allow-changed to compare them anyway'],
    ]);
  });
});
