import { z } from 'zod';
import { errorTypeSchema } from '../records/attempt-error.ts';
import { count, figure, high, low, rate, rateFields } from './json-schema-fields.ts';
import { stepOutputFields } from './step-json-schema.ts';
import { summaryColumns } from './summary-columns.ts';

/** Raise when a field of the `--json` document changes meaning or type, or goes; a new field needs no new version. */
export const summaryOutputVersion = 1;

/** A percentile's distribution-free interval: `<name>_ci_low`, `<name>_ci_high`, null when the sample cannot bound it. */
function intervalFields(name: string): Record<string, z.ZodType> {
  return { [`${name}_ci_low`]: figure(low(name)), [`${name}_ci_high`]: figure(high(name)) };
}

const percentile = (description: string) =>
  figure(`${description}; null too when the sample is too small to bound it (then <name>_needs_n says what n it needs)`);

/** Every field of a summary row, by summary.csv's column name; the order is summaryColumns'. */
const rowFields: Record<string, z.ZodType> = {
  target: z.string().describe("The target's label."),
  prompt: z.string().describe('The prompt variant; "default" when the run had one.'),
  requests: count('Requests sent: (case, repeat) slots with at least one attempt.'),
  success_rate: rate('Mean over cases of the share of their requests that were answered'),
  first_attempt_success_rate: rate('Requests answered at their first attempt, without retries, over requests'),
  ttft_p50_ms: percentile('Median time to first token, in ms, over answered attempts'),
  ttft_p90_ms: percentile('90th percentile of time to first token, in ms'),
  ttft_p99_ms: percentile('99th percentile of time to first token, in ms'),
  e2e_p50_ms: percentile('Median time from sending to the last token, in ms'),
  output_tps_p50: percentile('Median output tokens per second after the first token'),
  cost_usd_total: figure('What every attempt cost, in USD (failed ones included: they may be billed)'),
  cost_per_1k_requests_usd: figure('Cost per 1,000 requests, in USD'),
  score_mean: rate("Mean of the scored answers' scores"),
  ...rateFields('pass_rate', 'Mean over cases of the share of their repeats that passed, an unanswered request counted as failed (the figure gates test)'),
  pass_rate_cases: count('The cases pass_rate is over: its n.'),
  ...rateFields('pass_rate_answered', 'The pass rate over answered and scored requests only'),
  repeats: count('The most repeats any case had: the k of pass@k; 0 when nothing was sent.'),
  ...rateFields('pass_at_k', 'Share of cases with at least one passing repeat (pass@k); null with one repeat'),
  ...rateFields('pass_all_k', 'Share of cases whose every repeat passed (pass^k); null with one repeat'),
  flaky_cases: z.number().int().min(0).nullable().describe('Cases that passed on some repeats and failed or went unanswered on others; null with one repeat.'),
  scored: count('Answered requests that were scored.'),
  passed: count('Scored requests that passed.'),
  ok: count('Requests whose last attempt was answered.'),
  unanswered: count('Requests that ended without an answer (requests - ok).'),
  not_sent: count('Requests planned but never sent: the run stopped before them.'),
  attempts: count('Every attempt, retries included.'),
  cases: count('Cases sent.'),
  success_rate_ci_low: rate(low('success_rate')),
  success_rate_ci_high: rate(high('success_rate')),
  error_counts: z.partialRecord(errorTypeSchema, z.number().int().min(1)).describe('Requests that ended unanswered, by error type ({} when none did).'),
  ...intervalFields('ttft_p50'),
  ...intervalFields('ttft_p90'),
  ...intervalFields('ttft_p99'),
  ttft_mean_ms: figure('Mean time to first token, in ms'),
  ...intervalFields('e2e_p50'),
  e2e_p90_ms: percentile('90th percentile of the end-to-end time, in ms'),
  ...intervalFields('e2e_p90'),
  e2e_p99_ms: percentile('99th percentile of the end-to-end time, in ms'),
  ...intervalFields('e2e_p99'),
  ...intervalFields('output_tps_p50'),
  output_tps_mean: figure('Mean output tokens per second'),
  inter_chunk_p50_ms: percentile("Median over attempts of each attempt's median gap between output chunks, in ms"),
  ...intervalFields('inter_chunk_p50'),
  input_tokens_total: z.number().int().min(0).nullable().describe('Input tokens over every attempt; null when unknown.'),
  output_tokens_total: z.number().int().min(0).nullable().describe('Output tokens over every attempt; null when unknown.'),
  tokens_estimated: z.boolean().describe('True when some token counts come from a local tokenizer rather than the provider.'),
  simulated: z.boolean().describe('Answered by the built-in simulator: illustrative figures, not a real provider.'),
  run_incomplete: z.boolean().describe('The run stopped before every planned request was made.'),
  achieved_rps: figure('Open loop: requests sent per second, (n − 1) first attempts over the span of their send times (schedule.sentMs)'),
  ttft_from_scheduled_p50_ms: percentile('Open loop: median TTFT counted from the scheduled time, in ms: what a user behind the load feels (a request the harness or a concurrency cap held back counts its wait)'),
  ...intervalFields('ttft_from_scheduled_p50'),
  ttft_from_scheduled_p99_ms: percentile('Open loop: 99th percentile of TTFT counted from the scheduled time, in ms'),
  e2e_from_scheduled_p50_ms: percentile('Open loop: median time from the scheduled time to the last token, in ms'),
  ...intervalFields('e2e_from_scheduled_p50'),
  e2e_from_scheduled_p99_ms: percentile('Open loop: 99th percentile of the time from the scheduled time to the last token, in ms'),
  dispatch_delay_p50_ms: percentile("Open loop: median delay between a request's scheduled time and its first attempt's send, in ms"),
  dispatch_delay_p99_ms: percentile("Open loop: 99th percentile of the delay between a request's scheduled time and its first attempt's send, in ms"),
  tpot_p50_ms: percentile('Median time per output token after the first (TPOT, per token: (e2e − first output) / (tokens − 1)), in ms, over answered attempts'),
  tpot_p99_ms: percentile('99th percentile of the time per output token (TPOT, per token), in ms'),
  itl_chunk_p50_ms: percentile("ITL per chunk: median over answered attempts of each attempt's median gap between network chunks that carried output, in ms (the same figure as inter_chunk_p50_ms)"),
  itl_chunk_p99_ms: percentile("ITL per chunk: 99th percentile over answered attempts of each attempt's own 99th-percentile gap between output chunks, in ms"),
  tokens_per_chunk_mean: figure('Mean over answered attempts of output tokens per output chunk: how many tokens one ITL-per-chunk gap spans'),
  goodput_slo: z.string().nullable().describe("The service-level objectives goodput is judged by (--slo), as 'ttft<=500;e2e<=5000'; null without --slo."),
  ...rateFields('goodput', "Mean over cases of the share of their requests that met every --slo objective (a request judged by its last attempt, so a retried request counts once; a failed one does not meet it). TTFT and e2e objectives are judged from the scheduled time when records have it (open loop), else from the send (goodput_latency_from says which); TPOT per token; ITL on each request's 99th-percentile chunk gap. Null without --slo"),
  goodput_cases: z.number().int().min(0).nullable().describe('The cases goodput is over: its n; null without --slo.'),
  goodput_met: z.number().int().min(0).nullable().describe('Requests that met every --slo objective; null without --slo.'),
  goodput_rps: figure('Open loop, with --slo: requests per second that met every objective (achieved_rps × goodput_met / requests)'),
  goodput_latency_from: z.enum(['scheduled', 'send', 'mixed']).nullable().describe("Where goodput's TTFT and e2e objectives were counted from: the scheduled time (every request had one), the send (none had), or mixed; null without --slo."),
  ttft_cold_p50_ms: percentile("Prompt cache: median TTFT of the cold calls (no cached input tokens reported, or 0, or --cache-bust), over answered single calls and pipeline steps, in ms; null unless the target had both cold and warm calls"),
  ttft_cold_n: z.number().int().min(0).nullable().describe('Cold answered calls: the n of ttft_cold_p50_ms; null unless the target had both cold and warm calls.'),
  ttft_warm_p50_ms: percentile('Prompt cache: median TTFT of the warm calls (cached input tokens > 0), in ms; null unless the target had both cold and warm calls'),
  ttft_warm_n: z.number().int().min(0).nullable().describe('Warm answered calls: the n of ttft_warm_p50_ms; null unless the target had both.'),
  gateway_cost_n: z.number().int().min(0).nullable().describe('AI Gateway: calls with both a list-price cost and a gateway-reported cost; null when none had both.'),
  list_cost_usd: figure("The price table's list-price cost of those calls, summed, in USD"),
  gateway_cost_usd: figure('The gateway-reported cost of the same calls, summed, in USD'),
  gateway_cost_diff_usd: figure('gateway_cost_usd − list_cost_usd, in USD'),
  gateway_cost_diff_pct: figure('The difference as a percentage of list_cost_usd'),
  harness_saturated: z.boolean().nullable().describe("The harness was saturated during the run (run.harness says why): its figures may show the harness's limit, not the provider's. The same on every row; null when the run did not check."),
};

/** A summary row: summary.json's, in summary.csv's column order, with `<name>_needs_n` after each percentile. */
function rowSchema() {
  const shape: Record<string, z.ZodType> = {};
  for (const column of summaryColumns) {
    const field = rowFields[column.name];
    if (!field) throw new Error(`summary column ${column.name} has no field in the summary JSON schema`);
    shape[column.name] = field;
    if (column.needed) {
      shape[`${column.name}_needs_n`] = z.number().int().min(1).nullable().describe(`The sample size ${column.name} needs when the sample is too small to bound it (${column.name} is then null); else null.`);
    }
  }
  return z.looseObject(shape).meta({ id: 'Summary', description: 'One (target, prompt) of the run: the figures of summary.csv, with null for an unknown figure.' });
}

/** The names rowFields declares that no summary column has: a stale field is a bug. */
export const unusedRowFields = () => Object.keys(rowFields).filter((name) => !summaryColumns.some((column) => column.name === name));

const stoppedTargetSchema = z.looseObject({
  target: z.string(),
  reason: z.string().describe('Why it was stopped (auth, quota, the circuit breaker), redacted.'),
});

const harnessSchema = z
  .looseObject({
    seconds: z.number().describe('Seconds the check covered (the measured part of the run).'),
    eventLoopDelayMs: z.looseObject({ p50: z.number(), p99: z.number(), max: z.number() }).describe("The main thread's event-loop delay, ms."),
    mainThreadCpu: z.number().describe('Share of one core the main thread used.'),
    workerCpu: z.array(z.number()).describe('Share of one core each transport worker used, busiest first.'),
    processCpu: z.number().describe("Share of the machine's cores the whole process used."),
    saturated: z.boolean().describe("True when a reason below holds: the run's figures may show the harness's limit, not the provider's."),
    reasons: z.array(z.string()).describe('Why, each with its figure and threshold.'),
    dispatch: z
      .looseObject({ lateShare: z.number(), delayP50Ms: z.number(), delayP99Ms: z.number(), n: z.number().int() })
      .optional()
      .describe('Open loop: the share of requests sent more than 10 ms after their scheduled time, and the delay.'),
  })
  .meta({ id: 'HarnessCheck', description: "The harness's check on itself during the run: event-loop delay, CPU, and whether it was saturated." });

const runSchema = z
  .looseObject({
    runId: z.string().describe("The run folder's id."),
    simulatedTargets: z.array(z.string()).describe('Targets answered by the built-in simulator.'),
    incomplete: z.boolean().optional(),
    startedAt: z.string().optional().describe('ISO 8601.'),
    finishedAt: z.string().optional().describe('ISO 8601.'),
    description: z
      .looseObject({
        datasets: z.array(z.looseObject({ name: z.string(), path: z.string(), cases: z.number().int().min(0) })),
        targets: z.array(
          z.looseObject({
            label: z.string(),
            kind: z.string(),
            model: z.string(),
            route: z.string().optional(),
            endpoint: z.string().describe('The base URL the requests went to.'),
            simulated: z.boolean(),
          }),
        ),
        settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).describe('The settings that shape the figures, by flag name.'),
      })
      .optional()
      .describe('What was run: datasets, targets (no keys) and settings.'),
    stoppedTargets: z.array(stoppedTargetSchema).optional(),
    budgetReached: z.boolean().optional(),
    harness: harnessSchema.optional(),
  })
  .describe("summary.json's run: what was run, and when.");

const gateSchema = z
  .looseObject({
    gate: z.string().describe('The gate, written canonically: "pass_rate >= 0.9".'),
    target: z.string(),
    prompt: z.string(),
    passed: z.boolean(),
    line: z.string().describe('One line for a person: the figure, its bound and the test.'),
    achievedAlpha: z.number().optional().describe('The exact chance of failing a healthy figure at exactly the threshold (binomial tests).'),
    power: z.number().optional().describe('The chance of failing a figure --power-margin past the threshold.'),
    neededN: z.number().int().optional().describe('Cases that would give 80% power.'),
    warning: z.string().optional().describe('Set when the power is below 80%.'),
  })
  .meta({ id: 'GateResult', description: 'What one gate said about one (target, prompt).' });

/** What `llm-bench run --json` and `demo --json` print on stdout: one document, nothing else. */
export const summaryOutputSchema = z.looseObject({
  version: z.literal(summaryOutputVersion).describe("This document's version."),
  folder: z.string().describe('The run folder: results.jsonl, run.json and the reports are in it.'),
  exitCode: z.number().int().describe('The exit code the command ends with: 0; 3 when a target was stopped or --max-cost reached; 4 when a gate failed; 130 after Ctrl-C.'),
  incomplete: z.boolean().describe('The run stopped before every planned request was made (Ctrl-C, --max-cost, a stopped target): resume it with `llm-bench run --resume <folder>`.'),
  interrupted: z.boolean().describe('Stopped by Ctrl-C or a signal.'),
  stoppedTargets: z.array(stoppedTargetSchema).describe('Targets stopped before their last request, and why.'),
  budgetReached: z.boolean().describe('Scheduling stopped before --max-cost could be passed.'),
  gates: z.array(gateSchema).describe('Every gate of the run (--gate, --min-pass-rate, --max-drop), for every (target, prompt); [] with none.'),
  reports: z.array(z.string()).describe('The files the run wrote.'),
  run: runSchema,
  summaries: z.array(rowSchema()).describe('One per (target, prompt): the content of summary.json.'),
  ...stepOutputFields,
  sweep: z
    .looseObject({ spec: z.string(), kind: z.enum(['rate', 'concurrency', 'max-rate']), steps: z.array(z.looseObject({ step: z.number().int(), folder: z.string() })), rows: z.array(z.looseObject({})) })
    .optional()
    .describe("--sweep: the load curve, as sweep.json holds it (steps, rows per step and target, max-rate's answer). `folder` is then the sweep's, and run and summaries are its last step's."),
});

export type SummaryOutput = z.infer<typeof summaryOutputSchema>;

/**
 * The JSON Schema (draft 2020-12) of the `--json` document, shipped as schema/summary.schema.json.
 * Objects accept fields it does not name: a later llm-bench may add some.
 */
export function summaryJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(summaryOutputSchema, { target: 'draft-2020-12', io: 'input' });
  return {
    $schema,
    $id: `urn:llm-bench:summary:v${summaryOutputVersion}`,
    title: `llm-bench run --json, version ${summaryOutputVersion}`,
    description: 'What `llm-bench run --json` and `llm-bench demo --json` print on stdout: the run folder, the exit code and what set it, the gates, and summary.json (its run and summaries).',
    ...rest,
  };
}
