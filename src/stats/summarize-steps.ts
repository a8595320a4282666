import type { AttemptRecord, ErrorType } from '../records/attempt-record.ts';
import { caseKey } from '../records/case-key.ts';
import { slotKey } from '../records/slot-key.ts';
import { caseShareRate } from './case-share-rate.ts';
import { pairKey } from './pair-key.ts';
import { percentileInterval, type PercentileEstimate } from './percentile-interval.ts';
import type { PipelineSummary, StepSummary } from './step-summary.ts';
import { sumPaid } from './sum-paid.ts';

export type { PipelineSummary, StepSummary };

type Kind = PipelineSummary['kind'];

/**
 * The per-step view of a run's multi-call cases: one StepSummary per (target, prompt, step), in the
 * order the steps were first seen, and one PipelineSummary per (target, prompt) that has cases'
 * own records. Both lists are empty for a run of single calls.
 */
export function summarizeSteps(records: readonly AttemptRecord[], pairOrder: ReadonlyArray<{ target: string; prompt: string }> = []): { steps: StepSummary[]; pipelines: PipelineSummary[] } {
  const stepGroups = new Map<string, AttemptRecord[]>();
  const pipelineGroups = new Map<string, AttemptRecord[]>();
  // The kind of each case of each pair, from its own record: what its steps are (steps or turns).
  const kinds = new Map<string, Kind>();
  for (const record of records) {
    if (record.step !== undefined) push(stepGroups, JSON.stringify([record.target, record.prompt, record.step]), record);
    else if (record.pipeline !== undefined) {
      push(pipelineGroups, pairKey(record), record);
      kinds.set(JSON.stringify([pairKey(record), caseKey(record)]), record.pipeline.kind);
    }
  }
  const steps = [...stepGroups.values()].map((group) => {
    const kind = group.map((record) => kinds.get(JSON.stringify([pairKey(record), caseKey(record)]))).find((known) => known !== undefined);
    return stepSummary(group, kind);
  });
  // Grouped by (target, prompt) in the summaries' order (then first seen), each pair's steps in the
  // order their names were first seen in the run: classify, extract, draft under every target alike.
  const pairs = new Map(pairOrder.map((pair, index) => [pairKey(pair), index]));
  for (const record of records) if (!pairs.has(pairKey(record))) pairs.set(pairKey(record), pairs.size);
  const names = new Map<string, number>();
  for (const step of steps) if (!names.has(step.step)) names.set(step.step, names.size);
  const order = (row: { target: string; prompt: string }) => pairs.get(pairKey(row)) ?? 0;
  steps.sort((a, b) => order(a) - order(b) || names.get(a.step)! - names.get(b.step)!);
  const pipelines = [...pipelineGroups.values()].map(pipelineSummary).sort((a, b) => order(a) - order(b));
  return { steps, pipelines };
}

function stepSummary(records: readonly AttemptRecord[], kind: Kind | undefined): StepSummary {
  const first = records[0]!;
  const decided = latestBySlot(records);
  const errorCounts: Partial<Record<ErrorType, number>> = {};
  // Per case: its repeats, and how many passed, failed or went unanswered (only counted when the step has scorers).
  const byCase = new Map<string, { repeats: number; passed: number; counted: number; scorers: boolean }>();
  let failures = 0;
  let scored = 0;
  let passed = 0;
  for (const record of decided) {
    const key = caseKey(record);
    const counts = byCase.get(key) ?? { repeats: 0, passed: 0, counted: 0, scorers: false };
    byCase.set(key, counts);
    counts.repeats++;
    if (record.status === 'error') {
      failures++;
      errorCounts[record.error.type] = (errorCounts[record.error.type] ?? 0) + 1;
      counts.counted++;
      continue;
    }
    if (record.score === undefined) continue;
    counts.scorers = true;
    if (record.score.unscored) continue;
    scored++;
    counts.counted++;
    if (record.score.passed) {
      passed++;
      counts.passed++;
    }
  }
  const repeats = [...byCase.values()].reduce((most, counts) => Math.max(most, counts.repeats), 0);
  // A step's scorers are the dataset's for that step: when one case's answer was scored, a case
  // whose every attempt failed counts as failed, not as a case without scorers.
  const hasScorers = [...byCase.values()].some((counts) => counts.scorers);
  const pass = caseShareRate(
    hasScorers ? [...byCase.values()].filter((counts) => counts.counted > 0).map((counts) => counts.passed / counts.counted) : [],
    repeats,
  );
  const answered = records.filter((record) => record.status === 'ok');
  const outputTokens = answered.flatMap((record) => finite(record.usage.outputTokens));
  const costUsdTotal = sumPaid(records, (record) => record.costUsd);
  return {
    target: first.target,
    prompt: first.prompt,
    step: first.step!,
    kind,
    stepTarget: records.find((record) => record.stepTarget !== undefined)?.stepTarget,
    cases: byCase.size,
    requests: decided.length,
    attempts: records.length,
    failures,
    errorCounts,
    scored,
    passed,
    passRate: pass.rate,
    passRateCiLow: pass.interval?.low,
    passRateCiHigh: pass.interval?.high,
    passRateCases: pass.cases,
    ttftP50Ms: median(answered.flatMap((record) => finite(record.timing.ttftMs))),
    e2eP50Ms: median(answered.flatMap((record) => finite(record.timing.e2eMs))),
    outputTokensMean: outputTokens.length === 0 ? undefined : outputTokens.reduce((sum, value) => sum + value, 0) / outputTokens.length,
    costUsdTotal,
    // Per run of the step (a case and repeat), as a pipeline's cost is per run of the case: repeats do not add up.
    costPerCaseUsd: costUsdTotal === undefined || decided.length === 0 ? undefined : costUsdTotal / decided.length,
  };
}

function pipelineSummary(records: readonly AttemptRecord[]): PipelineSummary {
  const first = records[0]!;
  const decided = latestBySlot(records);
  const answered = decided.filter((record) => record.status === 'ok');
  const failedSteps: Record<string, number> = {};
  for (const record of decided) {
    const step = record.status === 'error' ? record.pipeline?.failedStep : undefined;
    if (step !== undefined) failedSteps[step] = (failedSteps[step] ?? 0) + 1;
  }
  const cost = sumPaid(decided, (record) => record.costUsd);
  const pass = finalPass(decided);
  const attempts = decided.map((record) => record.pipeline?.attempts ?? 0).reduce((sum, value) => sum + value, 0);
  return {
    target: first.target,
    prompt: first.prompt,
    kind: first.pipeline!.kind,
    requests: decided.length,
    answered: answered.length,
    criticalPathP50Ms: median(answered.flatMap((record) => finite(record.pipeline?.criticalPathMs ?? record.timing.e2eMs))),
    sumOfStepsP50Ms: median(answered.flatMap((record) => finite(record.pipeline?.sumOfStepsMs))),
    costPerCaseUsd: cost === undefined || decided.length === 0 ? undefined : cost / decided.length,
    passRate: pass.rate,
    passRateCiLow: pass.interval?.low,
    passRateCiHigh: pass.interval?.high,
    passRateCases: pass.cases,
    attemptsPerCase: decided.length === 0 ? undefined : attempts / decided.length,
    failedSteps,
  };
}

/** The final output's pass rate over cases, an unanswered repeat counted as failed, when the final output has scorers. */
function finalPass(decided: readonly AttemptRecord[]) {
  const byCase = new Map<string, { repeats: number; passed: number; unscored: number }>();
  let scorers = false;
  for (const record of decided) {
    const counts = byCase.get(caseKey(record)) ?? { repeats: 0, passed: 0, unscored: 0 };
    byCase.set(caseKey(record), counts);
    counts.repeats++;
    if (record.status !== 'ok') continue;
    if (record.score === undefined) {
      counts.unscored++;
      continue;
    }
    scorers = true;
    if (record.score.unscored) counts.unscored++;
    else if (record.score.passed) counts.passed++;
  }
  const repeats = [...byCase.values()].reduce((most, counts) => Math.max(most, counts.repeats), 0);
  const shares = [...byCase.values()].filter((counts) => counts.repeats > counts.unscored).map((counts) => counts.passed / (counts.repeats - counts.unscored));
  return caseShareRate(scorers ? shares : [], repeats);
}

/** The latest record of each (case, repeat): what decided it, as a resumed run settles a slot. */
function latestBySlot(records: readonly AttemptRecord[]): AttemptRecord[] {
  const latest = new Map<string, AttemptRecord>();
  for (const record of records) latest.set(slotKey(record), record);
  return [...latest.values()];
}

function median(values: readonly number[]): PercentileEstimate | undefined {
  return values.length === 0 ? undefined : percentileInterval(values, 50);
}

function finite(value: number | undefined): number[] {
  return value !== undefined && Number.isFinite(value) ? [value] : [];
}

function push<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}
