import type { PercentileEstimate, PipelineSummary, StepSummary } from '../stats/index.ts';
import { round, roundSignificant } from './round.ts';

type Value = string | number | boolean | undefined | Record<string, number>;

/** A column of steps.csv and of summary.json's `steps` (or `pipelines`): its name, its value, and for a median the n it needs. */
export type FigureColumn<Row> = { name: string; value(row: Row): Value; needed?(row: Row): number | undefined };

const rate = (value: number | undefined) => round(value, 6);

/** A median in ms: `<name>`, or `n<6` in the CSV when the sample cannot bound it; then its interval and its n. */
function medianColumns<Row>(name: string, figure: (row: Row) => PercentileEstimate | undefined): Array<FigureColumn<Row>> {
  const bounded = (row: Row) => {
    const estimate = figure(row);
    return estimate?.estimate === undefined ? undefined : estimate;
  };
  return [
    {
      name: `${name}_ms`,
      value: (row) => {
        const estimate = figure(row);
        if (estimate === undefined) return undefined;
        return estimate.estimate === undefined ? `n<${estimate.needed}` : round(estimate.estimate, 3);
      },
      needed: (row) => {
        const estimate = figure(row);
        return estimate !== undefined && estimate.estimate === undefined ? estimate.needed : undefined;
      },
    },
    { name: `${name}_ci_low`, value: (row) => round(bounded(row)?.low, 3) },
    { name: `${name}_ci_high`, value: (row) => round(bounded(row)?.high, 3) },
    { name: `${name}_n`, value: (row) => figure(row)?.n ?? 0 },
  ];
}

/**
 * steps.csv's columns, and the keys of summary.json's `steps`: one row per (target, prompt, step)
 * of the multi-call cases. The case is the unit of the pass rate.
 */
export const stepColumns: Array<FigureColumn<StepSummary>> = [
  { name: 'target', value: (row) => row.target },
  { name: 'prompt', value: (row) => row.prompt },
  { name: 'step', value: (row) => row.step },
  { name: 'kind', value: (row) => (row.kind === 'conversation' ? 'turn' : row.kind === 'pipeline' ? 'step' : undefined) },
  { name: 'step_target', value: (row) => row.stepTarget },
  { name: 'cases', value: (row) => row.cases },
  { name: 'requests', value: (row) => row.requests },
  { name: 'attempts', value: (row) => row.attempts },
  { name: 'failures', value: (row) => row.failures },
  { name: 'error_counts', value: (row) => row.errorCounts as Record<string, number> },
  { name: 'scored', value: (row) => row.scored },
  { name: 'passed', value: (row) => row.passed },
  { name: 'pass_rate', value: (row) => rate(row.passRate) },
  { name: 'pass_rate_ci_low', value: (row) => rate(row.passRateCiLow) },
  { name: 'pass_rate_ci_high', value: (row) => rate(row.passRateCiHigh) },
  { name: 'pass_rate_cases', value: (row) => row.passRateCases },
  ...medianColumns<StepSummary>('ttft_p50', (row) => row.ttftP50Ms),
  ...medianColumns<StepSummary>('e2e_p50', (row) => row.e2eP50Ms),
  { name: 'output_tokens_mean', value: (row) => round(row.outputTokensMean, 3) },
  { name: 'cost_usd_total', value: (row) => roundSignificant(row.costUsdTotal) },
  { name: 'cost_per_case_usd', value: (row) => roundSignificant(row.costPerCaseUsd) },
];

/** The keys of summary.json's `pipelines`: each (target, prompt)'s multi-call cases as a whole. */
export const pipelineColumns: Array<FigureColumn<PipelineSummary>> = [
  { name: 'target', value: (row) => row.target },
  { name: 'prompt', value: (row) => row.prompt },
  { name: 'kind', value: (row) => row.kind },
  { name: 'requests', value: (row) => row.requests },
  { name: 'answered', value: (row) => row.answered },
  ...medianColumns<PipelineSummary>('critical_path_p50', (row) => row.criticalPathP50Ms),
  ...medianColumns<PipelineSummary>('sum_of_steps_p50', (row) => row.sumOfStepsP50Ms),
  { name: 'cost_per_case_usd', value: (row) => roundSignificant(row.costPerCaseUsd) },
  { name: 'pass_rate', value: (row) => rate(row.passRate) },
  { name: 'pass_rate_ci_low', value: (row) => rate(row.passRateCiLow) },
  { name: 'pass_rate_ci_high', value: (row) => rate(row.passRateCiHigh) },
  { name: 'pass_rate_cases', value: (row) => row.passRateCases },
  { name: 'attempts_per_case', value: (row) => round(row.attemptsPerCase, 3) },
  { name: 'failed_steps', value: (row) => row.failedSteps },
];

/** A row as summary.json holds it: null for unknown, a median the sample cannot bound null with `<name>_needs_n` beside it. */
export function jsonRow<Row>(columns: ReadonlyArray<FigureColumn<Row>>, row: Row): Record<string, unknown> {
  return Object.fromEntries(
    columns.flatMap((column) => {
      if (!column.needed) return [[column.name, column.value(row) ?? null]];
      const needed = column.needed(row);
      return [
        [column.name, needed === undefined ? (column.value(row) ?? null) : null],
        [`${column.name}_needs_n`, needed ?? null],
      ];
    }),
  );
}
