import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvalSettings } from '../config/settings/eval-settings.ts';
import type { SweepCurve } from '../reports/sweep-curve.ts';
import type { TargetSummary } from '../stats/index.ts';
import type { RunContext, RunOutcome } from './run-eval.ts';
import { runSweep } from './run-sweep.ts';

/** A server that meets `ttft<=500` for every request up to `capacity` requests/s, and for half of them above. */
function fakeRun(capacity: number, seen: EvalSettings[], after?: (settings: EvalSettings) => void) {
  return async (settings: EvalSettings): Promise<RunOutcome> => {
    seen.push(settings);
    await mkdir(settings.out!, { recursive: true });
    after?.(settings);
    const load = settings.rate ?? settings.concurrency;
    const summary = { target: 'mini', prompt: 'default', requests: 20, unanswered: 0, achievedRps: load, ttftP50Ms: 200, ttftFromScheduledP50Ms: load <= capacity ? 210 : 2000, slo: 'ttft<=500', goodput: load <= capacity ? 1 : 0.5, goodputCases: 20 } as unknown as TargetSummary;
    return { folder: settings.out!, records: [], summaries: [summary], comparisons: [], targets: [], reportPaths: [], incomplete: false, stoppedTargets: [], budgetReached: false, gates: [] };
  };
}

describe('runSweep', () => {
  let cwd: string;
  const base = { datasets: ['cases.jsonl'], targets: [{ target: 'simulated:openai:gpt-4o-mini' }], goodputTarget: 0.95, concurrency: 4 } as unknown as EvalSettings;
  const context = () => ({ cwd, environment: {} }) as unknown as RunContext;
  beforeEach(async () => void (cwd = await mkdtemp(join(tmpdir(), 'sweep-'))));
  afterEach(async () => rm(cwd, { recursive: true, force: true }));

  it('runs rate steps open loop (Poisson unless --arrival) and concurrency steps closed loop, each in its own folder', async () => {
    const seen: EvalSettings[] = [];
    const rates = await runSweep({ ...base, sweep: 'rate=2,8', out: 'rates' }, context(), fakeRun(4, seen));
    expect(seen.map((settings) => [settings.rate, settings.arrival, settings.sweep, settings.out])).toEqual([[2, 'poisson', undefined, join(cwd, 'rates', 'step-1-rate-2')], [8, 'poisson', undefined, join(cwd, 'rates', 'step-2-rate-8')]]);
    expect(rates.folder).toBe(join(cwd, 'rates'));
    expect(rates.reportPaths.map((path) => path.slice(rates.folder.length + 1))).toEqual(['sweep.json', 'sweep.csv', 'sweep.md', 'sweep.html']);
    expect(rates.sweep!.rows.map((row) => [row.step, row.rate, row.ttftFromScheduledP50Ms])).toEqual([[1, 2, 210], [2, 8, 2000]]);

    seen.length = 0;
    await runSweep({ ...base, sweep: 'concurrency=1,16', out: 'closed' }, context(), fakeRun(4, seen));
    expect(seen.map((settings) => [settings.concurrency, settings.rate, settings.arrival])).toEqual([[1, undefined, undefined], [16, undefined, undefined]]);
    expect((await readdir(join(cwd, 'closed'))).toSorted()).toEqual(['step-1-concurrency-1', 'step-2-concurrency-16', 'sweep.csv', 'sweep.html', 'sweep.json', 'sweep.md']);
  });

  it('max-rate: doubles from --rate until a step misses the SLO, bisects, and reports the highest rate that met it', async () => {
    const seen: EvalSettings[] = [];
    const outcome = await runSweep({ ...base, sweep: 'max-rate', rate: 2, slo: ['ttft<=500'], out: 'search' }, context(), fakeRun(11, seen));
    expect(seen.map((settings) => settings.rate)).toEqual([2, 4, 8, 16, 12, 10, 11]);
    expect(outcome.sweep!.steps.map((step) => step.meetsSlo)).toEqual([true, true, true, false, false, true, true]);
    expect(outcome.sweep!.maxRate).toBe(11);
    const written = JSON.parse(await readFile(join(cwd, 'search', 'sweep.json'), 'utf8')) as SweepCurve;
    expect(written.maxRate).toBe(11);
  });

  it('refuses load settings its steps would drop: a rate or arrivals with a concurrency sweep, --rate with a sweep of rates', async () => {
    const seen: EvalSettings[] = [];
    await expect(runSweep({ ...base, sweep: 'concurrency=1,16', rate: 5, arrival: 'gamma', out: 'x' }, context(), fakeRun(4, seen))).rejects.toThrow(
      '--sweep concurrency=1,16 runs closed-loop steps, which take no --rate or --arrival: leave them out, or sweep rates (rate=…)',
    );
    await expect(runSweep({ ...base, sweep: 'rate=1,2', rate: 3, out: 'y' }, context(), fakeRun(4, seen))).rejects.toThrow("--sweep rate=1,2 sets each step's rate: leave --rate out");
    expect(seen).toEqual([]);
  });

  it('gives each step its own seed, from the sweep\'s: the same sweep seed, the same sweep', async () => {
    const seen: EvalSettings[] = [];
    await runSweep({ ...base, seed: 7, sweep: 'rate=1,2,4', out: 'seeded' }, context(), fakeRun(4, seen));
    expect(seen.map((settings) => settings.seed)).toEqual([7, 8, 9]);
  });

  it('never lets a step stopped before its plan was done meet the SLO, whatever its goodput', async () => {
    const stop = new AbortController();
    const seen: EvalSettings[] = [];
    const stopping = fakeRun(100, seen, () => stop.abort());
    const outcome = await runSweep({ ...base, sweep: 'max-rate', rate: 2, slo: ['ttft<=500'], out: 'cut' }, { ...context(), stop: stop.signal }, async (settings) => ({ ...(await stopping(settings)), incomplete: true }));
    expect(outcome.sweep!.steps.map((step) => [step.incomplete, step.meetsSlo])).toEqual([[true, false]]);
    expect(outcome.sweep!.maxRate).toBeUndefined();
  });

  it('stops after the step in flight on Ctrl-C, and writes the curve of the steps done', async () => {
    const stop = new AbortController();
    const seen: EvalSettings[] = [];
    const outcome = await runSweep({ ...base, sweep: 'rate=1,2,4', out: 'stopped' }, { ...context(), stop: stop.signal }, fakeRun(4, seen, () => stop.abort()));
    expect(seen).toHaveLength(1);
    expect(outcome.incomplete).toBe(true);
    expect(outcome.sweep!.interrupted).toBe(true);
    expect(outcome.sweep!.steps.map((step) => step.folder)).toEqual(['step-1-rate-1']);
  });

  it('refuses max-rate without an SLO, a resume, and a folder that holds a sweep, before any step runs', async () => {
    const seen: EvalSettings[] = [];
    await expect(runSweep({ ...base, sweep: 'max-rate', out: 'x' }, context(), fakeRun(4, seen))).rejects.toThrow("--sweep max-rate needs --slo: the objective each step must meet (e.g. --slo 'ttft<=500')");
    await expect(runSweep({ ...base, sweep: 'rate=1', out: 'x' }, { ...context(), resume: 'x' }, fakeRun(4, seen))).rejects.toThrow('--sweep cannot be resumed');
    await runSweep({ ...base, sweep: 'rate=1', out: 'once' }, context(), fakeRun(4, seen));
    await expect(runSweep({ ...base, sweep: 'rate=1', out: 'once' }, context(), fakeRun(4, seen))).rejects.toThrow("already holds a sweep's sweep.json; choose another --out");
    expect(seen).toHaveLength(1);
  });

  it('leaves no empty sweep folder behind when the first step refuses its input', async () => {
    const failing = async (): Promise<RunOutcome> => {
      throw new Error('bad dataset');
    };
    await expect(runSweep({ ...base, sweep: 'rate=1', out: 'empty' }, context(), failing)).rejects.toThrow('bad dataset');
    expect(await readdir(cwd)).toEqual([]);
  });
});
