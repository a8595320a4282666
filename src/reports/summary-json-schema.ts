import { z } from 'zod';
import { errorTypeSchema } from '../records/attempt-error.ts';
import { summaryColumns } from './summary-columns.ts';

/** Raise when a field of the `--json` document changes meaning or type, or goes; a new field needs no new version. */
export const summaryOutputVersion = 1;

const rate = (description: string) => z.number().min(0).max(1).nullable().describe(`${description}: a fraction 0..1; null when unknown.`);
const figure = (description: string) => z.number().nullable().describe(`${description}; null when unknown.`);
const count = (description: string) => z.number().int().min(0).describe(description);
const low = (of: string) => `Lower end of the 95% interval of ${of}`;
const high = (of: string) => `Upper end of the 95% interval of ${of}`;

/** A rate over cases and its 95% interval: `<name>`, `<name>_ci_low`, `<name>_ci_high`. */
function rateFields(name: string, description: string): Record<string, z.ZodType> {
  return { [name]: rate(description), [`${name}_ci_low`]: rate(low(name)), [`${name}_ci_high`]: rate(high(name)) };
}

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
