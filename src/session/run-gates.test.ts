import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { InputError } from '../config/errors.ts';
import { flagNames } from '../config/settings/setting-names.ts';
import { caseOutcomes } from '../stats/case-outcomes.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import { summarize } from '../stats/summarize.ts';
import { caseHash } from '../records/case-hash.ts';
import { ChangedCasesError } from '../stats/pair-runs.ts';
import { resolveEval } from './resolve-eval.ts';
import { baselineRunProblems, runGates, type PlannedRun } from './run-gates.ts';

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
      'llm-bench.yaml:6: gates.checks[1]: unknown figure "pass_rat"; did you mean pass_rate? (figures: pass_rate, success_rate, pass_rate_answered, pass_at_k, pass_all_k, ttft_p50_ms, ' +
        'ttft_p90_ms, ttft_p99_ms, e2e_p50_ms, e2e_p90_ms, e2e_p99_ms, output_tps_p50, cost_per_1k_requests_usd, cost_usd_total, first_attempt_success_rate, score_mean, ' +
        'ttft_mean_ms, output_tps_mean, inter_chunk_p50_ms, requests, ok, unanswered, not_sent, attempts, scored, passed, input_tokens_total, output_tokens_total, flaky_cases)\n' +
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

describe('gates as settings: the baseline run is not the run itself', () => {
  it('refuses --out X --baseline-run X before anything is sent', async () => {
    const flags = { datasets: ['a.jsonl'], targets: [{ target: 'openai:gpt-4o-mini' }], maxDrop: 5, out: 'runs/x', baselineRun: './runs/x' };
    await expect(resolveEval({ flags, cwd: workspace.path })).rejects.toThrow(
      "--baseline-run ./runs/x: is this run's own folder: a run compared with itself cannot fail; name a past run",
    );
  });
});

describe('baselineRunProblems: the baseline run read and matched with the plan before sending', () => {
  const testCase = (id: string, expected: string) => ({ id, messages: [{ role: 'user', content: `Say ${expected}` }], expected, assert: [{ type: 'equals', value: expected }], vars: {} });
  const cases = [testCase('q1', 'yes'), testCase('q2', 'no'), testCase('q3', 'maybe')];
  const planned = (over: Partial<PlannedRun> = {}): PlannedRun => ({ datasets: [{ name: 'smoke', cases }], pairs: [{ target: 'mini', prompt: 'default' }], ...over });
  const drop = { maxDrop: 5, baselineRun: 'base' };

  async function writeBase(baseCases: typeof cases, datasetName = 'smoke', target = 'mini'): Promise<void> {
    await mkdir(path.join(workspace.path, 'base'));
    const caseHashes = Object.fromEntries(baseCases.map((item) => [item.id, caseHash(item)]));
    const manifest = { runId: 'base', startedAt: '2026-12-01T00:00:00Z', status: 'completed', identity: { prompts: ['default'] }, targets: [{ label: target, simulated: false }], datasets: [{ name: datasetName, cases: baseCases.length, caseHashes }] };
    await workspace.write('base/run.json', JSON.stringify(manifest));
    await workspace.write('base/results.jsonl', '');
  }

  it('accepts a baseline run of the same cases and targets', async () => {
    await writeBase(cases);
    expect(await baselineRunProblems(drop, flagNames, workspace.path, planned())).toEqual([]);
  });

  it('places a damaged baseline run at the setting: exit code 2, not a failed gate after a paid run', async () => {
    await mkdir(path.join(workspace.path, 'base'));
    await workspace.write('base/run.json', '{');
    expect(await baselineRunProblems(drop, flagNames, workspace.path, planned())).toEqual(['--baseline-run base: cannot read run.json (not JSON)']);
    // Read only for a gate that needs it.
    expect(await baselineRunProblems({ gates: ['pass_rate >= 0.5'], baselineRun: 'base' }, flagNames, workspace.path, planned())).toEqual([]);
  });

  it('refuses the folder a resume completes as its own baseline', async () => {
    await writeBase(cases);
    expect(await baselineRunProblems(drop, flagNames, workspace.path, planned({ folder: path.join(workspace.path, 'base') }))).toEqual([
      "--baseline-run base: is this run's own folder: a run compared with itself cannot fail; name a past run",
    ]);
  });

  it("lists the cases changed since the baseline run, with advice that exists (run has no --allow-changed)", async () => {
    await writeBase([testCase('q1', 'yes'), testCase('q2', 'NO'), testCase('q3', 'MAYBE')]);
    expect(await baselineRunProblems(drop, flagNames, workspace.path, planned())).toEqual([
      '--baseline-run base: 2 cases changed since that run (another prompt, expected answer, assertion or image): q2, q3; the gates cannot compare them: ' +
        'name a baseline run of these cases (or compare the runs afterwards with llm-bench compare --allow-changed)',
    ]);
  });

  it('refuses a baseline run of another dataset that predates case hashes: its cases of the same id may be other cases', async () => {
    await mkdir(path.join(workspace.path, 'base'));
    const manifest = { runId: 'base', startedAt: '2026-12-01T00:00:00Z', status: 'completed', targets: [{ label: 'mini', simulated: false }], datasets: [{ name: 'math', cases: 3 }] };
    await workspace.write('base/run.json', JSON.stringify(manifest));
    await workspace.write('base/results.jsonl', ['q1', 'q2', 'q3'].map((caseId) => `${JSON.stringify(makeAttempt({ caseId, target: 'mini' }))}\n`).join(''));
    expect(await baselineRunProblems(drop, flagNames, workspace.path, planned())).toEqual([
      '--baseline-run base: that run used dataset math and this one smoke, and that run predates case hashes, so whether cases of the same id are the same cases cannot be checked: ' +
        'name a baseline run of this dataset (or compare the runs afterwards with llm-bench compare --allow-changed)',
    ]);
  });

  it('refuses a baseline run with no case or no target in common', async () => {
    await writeBase([testCase('m1', '4'), testCase('m2', '5')], 'math', 'other');
    expect(await baselineRunProblems({ gates: ['ttft_p50 ratio <= 1.2'], baselineRun: 'base' }, flagNames, workspace.path, planned({ pairs: [{ target: 'mini', prompt: 'default' }, { target: 'big', prompt: 'default' }] }))).toEqual([
      "--baseline-run base: no case in common with this run (that run's datasets: math; this run's: smoke): the gates would compare nothing",
      "--baseline-run base: no target in common with this run (that run's: other; this run's: mini, big)",
    ]);
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

  it("compares the baseline run with the records the run holds, reading only the run's run.json back", async () => {
    const manifest = (runId: string) => ({ runId, startedAt: '2026-12-01T00:00:00Z', status: 'completed', targets: [{ label: 'mini', simulated: false }], datasets: [{ name: 'smoke', cases: 60 }] });
    await mkdir(path.join(workspace.path, 'base'));
    await workspace.write('base/run.json', JSON.stringify(manifest('base')));
    await workspace.write('base/results.jsonl', verdicts(50, 60).map((record) => `${JSON.stringify(record)}\n`).join(''));
    // The current folder has no results.jsonl: reading it back would fail every drop gate.
    await mkdir(path.join(workspace.path, 'current'));
    await workspace.write('current/run.json', JSON.stringify(manifest('current')));
    const current = verdicts(40, 60);
    const [result] = await runGates({ folder: path.join(workspace.path, 'current'), records: current, summaries: summarize(current) }, { ...settings, maxDrop: 5, baselineRun: 'base' }, flagNames, { cwd: workspace.path });
    expect(result).toMatchObject({ gate: 'pass_rate drop <= 5', passed: false });
    expect(result!.line).toContain('pass rate 83.3% → 66.7% (−16.7 points over 60 paired cases, 10 lost and 0 gained)');
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

  it('advises compare --allow-changed for changed cases, which run does not take, and lists them on one line', async () => {
    const current = verdicts(10, 10);
    const compare = async () => {
      throw new ChangedCasesError([{ caseId: 'capital-france' }, { caseId: 'add-small' }]);
    };
    const [result] = await runGates({ folder: '/runs/current', records: current, summaries: summarize(current) }, { ...settings, maxDrop: 5, baselineRun: 'base' }, flagNames, { cwd: '/work', compare });
    expect(result!.line).toBe(
      'cannot compare with --baseline-run base: 2 cases changed since that run (another prompt, expected answer, assertion or image): capital-france, add-small; ' +
        'compare them with llm-bench compare --allow-changed',
    );
  });

  it("fails a drop gate whose baseline run is the run's own folder (a resume): it could never fail", async () => {
    const current = verdicts(10, 10);
    const compare = async () => {
      throw new Error('not called');
    };
    const [result] = await runGates({ folder: '/work/runs/current', records: current, summaries: summarize(current) }, { ...settings, maxDrop: 0, baselineRun: 'runs/current' }, flagNames, { cwd: '/work', compare });
    expect(result).toMatchObject({ passed: false, line: "cannot compare with --baseline-run runs/current: is this run's own folder: a run compared with itself cannot fail; name a past run" });
  });
});
