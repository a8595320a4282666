import type { PercentileEstimate, PipelineSummary, ReconciliationSummary, StepSummary, TargetSummary } from '../stats/index.ts';
import { formatMilliseconds, formatPercentile, formatRate, formatFixed } from './format-figures.ts';
import { formatUsd } from './format-usd.ts';
import { formatErrorCounts } from './render-failures.ts';

/** How a format writes a label from outside (a target, a step's name): escaped for that format. */
export type Label = (text: string) => string;

const ms = (value: number) => formatMilliseconds(value);
const withInterval = { interval: ms };
const pairOf = (row: { target: string; prompt: string }, label: Label) => (row.prompt === 'default' ? label(row.target) : `${label(row.target)} (${label(row.prompt)})`);
const signedUsd = (value: number) => `${value < 0 ? '−' : '+'}$${formatUsd(Math.abs(value))}`;
const signedPercent = (value: number) => `${value < 0 ? '−' : '+'}${formatFixed(Math.abs(value), 1)}%`;

/** The heading of a step column: turns for conversations, steps otherwise (both, when the run has both). */
export function stepNoun(steps: readonly StepSummary[]): string {
  const kinds = new Set(steps.map((step) => step.kind));
  if (kinds.size === 1 && kinds.has('conversation')) return 'Turn';
  return kinds.has('conversation') ? 'Step / turn' : 'Step';
}

/** The cells of one step's row, in stepHeadings' order; the label cells escaped by `label`. */
export const stepHeadings = ['Target', 'Step', 'Cases', 'Pass % [95% CI]', 'TTFT p50 ms [95% CI]', 'e2e p50 ms [95% CI]', 'Output tokens', '$ per case', 'Failures'];

export function stepCells(step: StepSummary, label: Label): string[] {
  const failures = step.failures === 0 ? '0' : `${step.failures} (${formatErrorCounts(step.errorCounts)})`;
  return [
    pairOf(step, label),
    `${label(step.step)}${step.stepTarget === undefined ? '' : ` → ${label(step.stepTarget)}`}`,
    String(step.cases),
    formatRate(step.passRate, step.passRateCiLow, step.passRateCiHigh) || 'no scorers',
    withN(formatPercentile(step.ttftP50Ms, ms, withInterval), step.ttftP50Ms?.n),
    withN(formatPercentile(step.e2eP50Ms, ms, withInterval), step.e2eP50Ms?.n),
    formatFixed(step.outputTokensMean, 0),
    formatUsd(step.costPerCaseUsd),
    failures,
  ];
}

/** A median in ms for a sentence: `903 ms`, or `n<6` (the n it needs) when the sample cannot bound it, `—` with none. */
const msText = (estimate: PercentileEstimate | undefined) => {
  const text = formatPercentile(estimate, ms);
  return text === '' ? '—' : estimate?.estimate === undefined ? text : `${text} ms`;
};

/** The terminal's narrower row: medians without their intervals (report.md, report.html and steps.csv have them). */
export const compactStepHeadings = ['Cases', 'Pass %\n[95% CI]', 'TTFT p50\nms', 'e2e p50\nms', 'Output\ntokens', '$ per\ncase', 'Failures'];

export function compactStepCells(step: StepSummary): string[] {
  return [
    String(step.cases),
    formatRate(step.passRate, step.passRateCiLow, step.passRateCiHigh) || 'no scorers',
    formatPercentile(step.ttftP50Ms, ms),
    formatPercentile(step.e2eP50Ms, ms),
    formatFixed(step.outputTokensMean, 0),
    formatUsd(step.costPerCaseUsd),
    String(step.failures),
  ];
}

const withN = (text: string, n: number | undefined) => (text === '' || n === undefined ? text : `${text} (n=${n})`);

/**
 * One line per (target, prompt) with multi-call cases: the critical path against the steps one
 * after another, the cost of a case as a whole, and the final output's pass rate over these cases.
 */
export function pipelineLines(pipelines: readonly PipelineSummary[], label: Label): string[] {
  return pipelines.map((pipeline) => {
    const noun = pipeline.kind === 'conversation' ? 'conversation' : 'pipeline';
    const parts = [
      `critical path p50 ${msText(pipeline.criticalPathP50Ms)} against ${msText(pipeline.sumOfStepsP50Ms)} for the ${pipeline.kind === 'conversation' ? 'turns' : 'steps'} one after another`,
      `${formatUsd(pipeline.costPerCaseUsd) === '' ? 'cost unknown' : `$${formatUsd(pipeline.costPerCaseUsd)}`} per ${noun}`,
      `final pass % ${formatRate(pipeline.passRate, pipeline.passRateCiLow, pipeline.passRateCiHigh) || '— (no scorers)'}${pipeline.passRateCases > 0 ? ` over ${pipeline.passRateCases} cases` : ''}`,
      `${pipeline.answered} of ${pipeline.requests} answered`,
    ];
    const failed = Object.entries(pipeline.failedSteps).map(([step, count]) => `${label(step)} ${count}`);
    if (failed.length > 0) parts.push(`failed at ${failed.join(', ')}`);
    return `${pairOf(pipeline, label)}: ${parts.join(' · ')}`;
  });
}

/** One line per (target, prompt) that had both cold and warm prompt-cache calls: TTFT p50 of each with its n. */
export function cacheLines(summaries: readonly TargetSummary[], label: Label): string[] {
  return summaries
    .filter((summary) => summary.ttftColdN !== undefined && summary.ttftWarmN !== undefined)
    .map((summary) => {
      const cold = msText(summary.percentiles.ttftColdP50Ms);
      const warm = msText(summary.percentiles.ttftWarmP50Ms);
      return `${pairOf(summary, label)}: TTFT p50 cold ${cold} (n=${summary.ttftColdN}), warm ${warm} (n=${summary.ttftWarmN})`;
    });
}

/** One line per (target, prompt) with gateway-reported costs: the gateway's against the price table's, and the difference. */
export function gatewayCostLines(summaries: readonly TargetSummary[], label: Label): string[] {
  return summaries
    .filter((summary) => summary.gatewayCostCalls !== undefined)
    .map((summary) => {
      const difference = summary.gatewayCostDiffUsd!;
      const percent = summary.gatewayCostDiffPercent === undefined ? '' : `, ${signedPercent(summary.gatewayCostDiffPercent)}`;
      return `${pairOf(summary, label)}: gateway $${formatUsd(summary.gatewayCostUsd)} against list price $${formatUsd(summary.listCostUsd)} (${signedUsd(difference)}${percent}) over ${summary.gatewayCostCalls} ${summary.gatewayCostCalls === 1 ? 'call' : 'calls'}`;
    });
}

/** The reconciliation table's headings and one target's cells. */
export const reconciliationHeadings = ['Target', 'n', 'Our TTFT p50 ms', 'Gateway latency p50 ms', 'Network + harness p50 ms', 'Our e2e p50 ms', 'Gateway generation p50 ms', 'List $', 'Gateway $', 'Difference'];

export function reconciliationCells(row: ReconciliationSummary, label: Label): string[] {
  const median = (estimate: ReconciliationSummary['ttftP50Ms']) => formatPercentile(estimate, ms);
  const difference = row.costDiffUsd === undefined ? '' : `${signedUsd(row.costDiffUsd)}${row.costDiffPercent === undefined ? '' : ` (${signedPercent(row.costDiffPercent)})`}`;
  return [
    label(row.target),
    `${row.n}${row.failures > 0 ? ` (${row.failures} not fetched)` : ''}`,
    median(row.ttftP50Ms),
    median(row.gatewayLatencyP50Ms),
    median(row.networkShareP50Ms),
    median(row.e2eP50Ms),
    median(row.gatewayGenerationP50Ms),
    row.listCostUsd === undefined ? '' : `$${formatUsd(row.listCostUsd)}`,
    row.gatewayTotalCostUsd === undefined ? '' : `$${formatUsd(row.gatewayTotalCostUsd)}`,
    difference,
  ];
}

/** What the reconciliation's figures mean, under its table. */
export const reconciliationNote =
  "The gateway's latency is its own time to first token; our TTFT minus it is the network's and the harness's share. Medians over the sampled generations (--reconcile); an n too small to bound a median shows the n it needs.";

/** What the cold/warm split means, under its lines. */
export const cacheNote =
  'Warm: the provider served part of the prompt from its cache (cached input tokens > 0); cold: none, or --cache-bust. Over answered calls (pipeline steps included). Run with --cache-bust to measure every request cold.';
