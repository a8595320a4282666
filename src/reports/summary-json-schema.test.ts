import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../../scripts/write-schemas.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import { parseSlo } from '../stats/slo.ts';
import { summarize } from '../stats/summarize.ts';
import { summaryJsonSchema, summaryOutputSchema, summaryOutputVersion, unusedRowFields, type SummaryOutput } from './summary-json-schema.ts';
import { summaryDocument } from './summary-json.ts';

const shipped = new URL('../../schema/summary.schema.json', import.meta.url);

/** A document as `run --json` prints one: a target with repeats and answers, one whose requests all failed, a gate. */
function document(): SummaryOutput {
  const records = [
    ...[1, 2].flatMap((repeat) => Array.from({ length: 13 }, (_, index) => makeAttempt({
      target: 'openai:gpt-4o', dataset: 'smoke', caseId: `q${index}`, repeat,
      timing: { ttftMs: 100 + index, e2eMs: 400 + index, outputTps: 50 }, usage: { inputTokens: 10, outputTokens: 5, estimated: false }, costUsd: 0.001,
      score: { score: 1, passed: index > 0 || repeat === 1, reason: '' },
    }))),
    makeAttempt({ target: 'down', caseId: 'q0', error: { type: 'network', message: 'connect ECONNREFUSED' } }),
    // Open loop: scheduled every 50 ms, with every load figure.
    ...Array.from({ length: 8 }, (_, index) => makeAttempt({
      target: 'mock:open', caseId: `q${index}`, schedule: { scheduledMs: 50 * index, sentMs: 50 * index + 1, dispatchDelayMs: 1 },
      timing: { ttftMs: 100, ttftFromScheduledMs: 101 + index, e2eMs: 300, e2eFromScheduledMs: 301, tpotMs: 4, interChunkP50Ms: 8, interChunkP99Ms: 12, tokensPerChunk: 2 },
    })),
  ];
  const summaries = summarize(records, undefined, { slo: parseSlo(['ttft<=105']) });
  const run = {
    runId: 'r1', simulatedTargets: ['down'], incomplete: true, startedAt: '2026-12-07T10:00:00.000Z', finishedAt: '2026-12-07T10:01:00.000Z',
    description: { datasets: [{ name: 'smoke', path: '/d/smoke.jsonl', cases: 13 }], targets: [{ label: 'down', kind: 'openai-compatible', model: 'm', endpoint: 'http://127.0.0.1:1/v1', simulated: true }], settings: { repeats: 2 } },
    stoppedTargets: [{ target: 'down', reason: 'circuit breaker' }], budgetReached: true, cases: [{ caseId: 'q0' }],
    harness: { seconds: 60, eventLoopDelayMs: { p50: 1, p99: 48, max: 60 }, mainThreadCpu: 0.95, workerCpu: [0.4], processCpu: 0.7, saturated: true, reasons: ['event-loop delay p99 48 ms > 20 ms'] },
  };
  return {
    version: summaryOutputVersion, folder: '/runs/r1', exitCode: 3, incomplete: true, interrupted: false,
    stoppedTargets: run.stoppedTargets, budgetReached: true,
    gates: [{ gate: 'pass_rate >= 0.9', target: 'openai:gpt-4o', prompt: 'default', passed: true, line: 'pass rate 96%', power: 0.5, neededN: 40, warning: 'power 50%' }],
    reports: ['/runs/r1/summary.json'],
    ...summaryDocument({ summaries, run }),
  };
}

describe('schema/summary.schema.json', () => {
  it('is what the code generates (run `npm run schemas` after changing a summary column)', async () => {
    expect(await readFile(shipped, 'utf8')).toBe(schemaText(summaryJsonSchema()));
  });

  it('accepts a document as run --json prints it, and the zod schema parses it', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(summaryJsonSchema());
    const output = JSON.parse(JSON.stringify(document())) as SummaryOutput;
    expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
    expect(summaryOutputSchema.safeParse(output).success).toBe(true);
  });

  it('carries the load figures, goodput and the harness check', () => {
    const output = document();
    const open = output.summaries.find((row) => row.target === 'mock:open')!;
    expect(open).toMatchObject({ goodput_slo: 'ttft<=105', goodput: 0.625, goodput_met: 5, goodput_cases: 8, goodput_latency_from: 'scheduled', ttft_from_scheduled_p50_ms: 104.5, dispatch_delay_p50_ms: 1, tpot_p50_ms: 4, itl_chunk_p50_ms: 8, tokens_per_chunk_mean: 2, harness_saturated: true });
    // 8 sends over 350 ms: 7 intervals.
    expect(open.achieved_rps).toBe(20);
    expect(open.goodput_rps).toBe(12.5);
    expect(output.run.harness).toMatchObject({ saturated: true });
    // A closed-loop target has none of them: null, never 0.
    const closed = output.summaries.find((row) => row.target === 'openai:gpt-4o')!;
    expect(closed).toMatchObject({ achieved_rps: null, ttft_from_scheduled_p50_ms: null, ttft_from_scheduled_p50_ms_needs_n: null, dispatch_delay_p50_ms: null, goodput_latency_from: 'send' });
  });

  it('names every field a summary has, and none it has not', () => {
    const schema = summaryJsonSchema() as { properties: Record<string, unknown>; $defs: { Summary: { properties: Record<string, unknown> } } };
    const output = document();
    // `sweep` is there with --sweep only; `steps` and `pipelines` with multi-call cases, `reconciliation` with --reconcile (steps-report.test.ts).
    const occasional = new Set(['sweep', 'steps', 'pipelines', 'reconciliation']);
    expect(Object.keys(output).sort()).toEqual(Object.keys(schema.properties).filter((key) => !occasional.has(key)).sort());
    for (const row of output.summaries) expect(Object.keys(row)).toEqual(Object.keys(schema.$defs.Summary.properties));
    expect(unusedRowFields()).toEqual([]);
  });

  it('refuses what a reader would misread: a rate as a percentage, text for a number, a missing figure', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(summaryJsonSchema());
    const output = JSON.parse(JSON.stringify(document())) as SummaryOutput & { summaries: Array<Record<string, unknown>> };
    for (const change of [{ pass_rate: 96 }, { ttft_p90_ms: 'n<36' }, { error_counts: { nonsense: 1 } }, { goodput: 40 }, { harness_saturated: 'yes' }]) {
      expect(validate({ ...output, summaries: [{ ...output.summaries[0], ...change }] })).toBe(false);
    }
    const { requests: _requests, ...missing } = output.summaries[0]!;
    expect(validate({ ...output, summaries: [missing] })).toBe(false);
    expect(validate({ ...output, exitCode: undefined })).toBe(false);
  });
});
