import { z } from 'zod';
import { errorTypeSchema } from '../records/attempt-error.ts';
import { count, figure, rateFields } from './json-schema-fields.ts';

// The `--json` document's (and summary.json's) parts for multi-call cases and --reconcile, in
// the keys of steps.csv (step-columns.ts) and of reconciliation-columns.ts.

const median = (description: string) => ({
  ms: figure(`${description}, in ms; null too when the sample is too small to bound it (then <name>_needs_n says what n it needs)`),
  needs: z.number().int().min(1).nullable().describe('The sample size the median needs when the sample is too small to bound it; else null.'),
  bound: figure('An end of the 95% interval of the median, in ms'),
});

/** `<name>_ms`, `<name>_ms_needs_n`, `<name>_ci_low`, `<name>_ci_high`, `<name>_n`: a median over a step's answered attempts. */
function medianFields(name: string, description: string): Record<string, z.ZodType> {
  const parts = median(description);
  return {
    [`${name}_ms`]: parts.ms,
    [`${name}_ms_needs_n`]: parts.needs,
    [`${name}_ci_low`]: parts.bound,
    [`${name}_ci_high`]: parts.bound,
    [`${name}_n`]: count('The values the median is over.'),
  };
}

const stepRowFields: Record<string, z.ZodType> = {
    target: z.string().describe("The run target's label."),
    prompt: z.string(),
    step: z.string().describe('The step (or turn) as the dataset names it.'),
    kind: z.enum(['step', 'turn']).nullable().describe('A step of a pipeline, or a turn of a conversation.'),
    step_target: z.string().nullable().describe("The target the step was sent to when not the run target's own (the step's `target:`, or the target's `steps:`); else null."),
    cases: count('Cases with at least one attempt of the step.'),
    requests: count('(case, repeat) of the step with at least one attempt.'),
    attempts: count('Every attempt of the step, retries included.'),
    failures: count('Requests of the step that ended without an answer (each leaves its case unanswered).'),
    error_counts: z.partialRecord(errorTypeSchema, z.number().int().min(1)).describe('Those failures by error type.'),
    scored: count("Answered requests with a verdict of the step's own scorers."),
    passed: count('Scored requests that passed.'),
    ...rateFields('pass_rate', "Mean over cases of the share of their repeats whose step passed its scorers, a failed step counted as failed; null when the step has no scorers"),
    pass_rate_cases: count('The cases pass_rate is over.'),
    ...medianFields('ttft_p50', "Median TTFT of the step's answered attempts"),
    ...medianFields('e2e_p50', "Median e2e of the step's answered attempts"),
    output_tokens_mean: figure("Mean output tokens of the step's answered attempts"),
    cost_usd_total: figure("Every attempt of the step, in USD"),
    cost_per_case_usd: figure('cost_usd_total over the runs of the step (each case and repeat once), in USD'),
};
const stepRowSchema = z
  .looseObject(stepRowFields)
  .meta({ id: 'StepSummary', description: 'One step (or turn) of the multi-call cases of one (target, prompt): a row of steps.csv.' });

const pipelineRowFields: Record<string, z.ZodType> = {
    target: z.string(),
    prompt: z.string(),
    kind: z.enum(['pipeline', 'conversation']),
    requests: count("(case, repeat) with the case's own record."),
    answered: count('Of those, answered (every step answered).'),
    ...medianFields('critical_path_p50', 'Median critical path (the longest chain of dependent steps; the summary row\'s e2e) over answered cases'),
    ...medianFields('sum_of_steps_p50', "Median of every step's e2e summed: what the case would take with its steps one after another"),
    cost_per_case_usd: figure('Mean cost of a case as a whole (every attempt of every step), in USD'),
    ...rateFields('pass_rate', "The final output's pass rate over these cases alone, an unanswered case counted as failed; null when the final output has no scorers"),
    pass_rate_cases: count('The cases pass_rate is over.'),
    attempts_per_case: figure('Mean requests sent per case, retries included'),
    failed_steps: z.record(z.string(), z.number().int().min(1)).describe('Unanswered cases by the step whose failure left them so.'),
};
const pipelineRowSchema = z
  .looseObject(pipelineRowFields)
  .meta({ id: 'PipelineSummary', description: "One (target, prompt)'s multi-call cases as a whole." });

const reconciliationTargetFields: Record<string, z.ZodType> = {
    target: z.string(),
    n: count('Generations the gateway described.'),
    failures: count('Generations that could not be fetched.'),
    network_share_p50_ms: figure("Median of (our TTFT − the gateway's latency): the network's and the harness's share, in ms"),
    ttft_p50_ms: figure('Median of our TTFT over those generations, in ms'),
    gateway_latency_p50_ms: figure("Median of the gateway's latency (its time to first token), in ms"),
    e2e_p50_ms: figure('Median of our e2e, in ms'),
    gateway_generation_p50_ms: figure("Median of the gateway's generation time, in ms"),
    e2e_minus_generation_p50_ms: figure("Median of (our e2e − the gateway's generation time), in ms"),
    cost_compared: count('Generations with both a list-price cost and the gateway record\'s total.'),
    list_cost_usd: figure("The price table's cost of those, summed, in USD"),
    gateway_total_cost_usd: figure("The gateway record's totalCost of the same, summed, in USD"),
    cost_diff_usd: figure('gateway_total_cost_usd − list_cost_usd, in USD'),
    cost_diff_pct: figure('The difference as a percentage of list_cost_usd'),
    reported_compared: count('Generations with a cost the stream reported.'),
    reported_cost_usd: figure('The stream-reported cost of those, summed, in USD'),
    reported_diff_usd: figure("The gateway record's total minus the stream-reported cost, in USD"),
};
const reconciliationTargetSchema = z
  .looseObject(reconciliationTargetFields)
  .meta({ id: 'ReconciledTarget', description: "One target's sample of generations, ours against the AI Gateway's record (reconciliation.json)." });

/** The optional keys of the `--json` document and summary.json: there only when the run has them. */
export const stepOutputFields = {
  steps: z.array(stepRowSchema).optional().describe('A run with multi-call cases (pipelines, conversations): one per (target, prompt, step), as steps.csv.'),
  pipelines: z.array(pipelineRowSchema).optional().describe('A run with multi-call cases: one per (target, prompt), the cases as a whole.'),
  reconciliation: z
    .looseObject({
      fetched_at: z.string().describe('ISO time the gateway was asked.'),
      sample: z.number().int().min(0).describe('Generations asked per target (--reconcile).'),
      failures: count('Generations that could not be fetched.'),
      targets: z.array(reconciliationTargetSchema),
    })
    .optional()
    .describe('With --reconcile (reconciliation.json in the run folder): per target, our timing and cost against the AI Gateway\'s own record.'),
};
