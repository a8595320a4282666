import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { makeAttempt } from '../stats/make-attempt.ts';
import { parseSlo } from '../stats/slo.ts';
import { summarize } from '../stats/summarize.ts';
import type { ReportInput } from './reporter.ts';
import { summaryCsv } from './summary-csv.ts';
import { summaryJson } from './summary-json.ts';

const records = [
  makeAttempt({
    target: 'openai:gpt-4o', caseId: 'c1', timing: { ttftMs: 100.12345, e2eMs: 900 , outputTps: 50 },
    costUsd: 0.1, score: { score: 1, passed: true, reason: 'equals' },
  }),
  makeAttempt({
    target: 'openai:gpt-4o', caseId: 'c2', timing: { ttftMs: 300, e2eMs: 1100, outputTps: 70 },
    costUsd: 0.2, score: { score: 0, passed: false, reason: 'different' },
  }),
  makeAttempt({ target: '=mock:down', caseId: 'c3', error: { type: 'server_error', message: '500' } }),
  makeAttempt({ target: '=mock:down', caseId: 'c4', error: { type: 'timeout', message: 'slow' } }),
  // 13 cases, 2 repeats: enough for a median's interval, not for a p90's.
  ...Array.from({ length: 13 }, (_, index) => [1, 2].map((repeat) => makeAttempt({
    target: 'thirteen', dataset: 'smoke', caseId: `q${index}`, repeat,
    timing: repeat === 1 ? { ttftMs: (index + 1) * 100 } : {},
    score: { score: 1, passed: index > 0 || repeat === 1, reason: '' },
  }))).flat(),
];
const input: ReportInput = {
  records,
  // Each target alone: nothing shows whether down's cases have assertions, so it has no pass rate.
  summaries: ['openai:gpt-4o', '=mock:down', 'thirteen'].flatMap((target) => summarize(records.filter((record) => record.target === target))),
  comparisons: [], run: { runId: 'run-1', simulatedTargets: ['=mock:down'], cases: [{ dataset: 'd', caseId: 'c1' }] },
};

const headline = [
  'target', 'prompt', 'requests', 'success_rate', 'first_attempt_success_rate', 'ttft_p50_ms', 'ttft_p90_ms',
  'ttft_p99_ms', 'e2e_p50_ms', 'output_tps_p50', 'cost_usd_total', 'cost_per_1k_requests_usd', 'score_mean', 'pass_rate',
];

describe('summary.csv', () => {
  const rows: Record<string, string>[] = parse(summaryCsv.render(input), { columns: true });

  it('starts with the headline columns and has one row per (target, prompt)', () => {
    const [header = []] = parse(summaryCsv.render(input)) as string[][];
    expect(header.slice(0, headline.length)).toEqual(headline);
    // Each rate's interval and n follow it; the answered-only rate and the repeats' figures next.
    expect(header.slice(headline.length, headline.length + 17)).toEqual([
      'pass_rate_ci_low', 'pass_rate_ci_high', 'pass_rate_cases', 'pass_rate_answered', 'pass_rate_answered_ci_low', 'pass_rate_answered_ci_high',
      'repeats', 'pass_at_k', 'pass_at_k_ci_low', 'pass_at_k_ci_high', 'pass_all_k', 'pass_all_k_ci_low', 'pass_all_k_ci_high', 'flaky_cases',
      'scored', 'passed', 'ok',
    ]);
    expect(header).toEqual(expect.arrayContaining(['success_rate_ci_low', 'ttft_p50_ci_low', 'ttft_p99_ci_high', 'e2e_p90_ci_low', 'output_tps_p50_ci_high', 'cases']));
    expect(rows).toHaveLength(3);
  });

  it('writes the figures, rounded sanely', () => {
    expect(rows[0]).toMatchObject({
      target: 'openai:gpt-4o', prompt: 'default', requests: '2', success_rate: '1', cost_usd_total: '0.3', cost_per_1k_requests_usd: '150',
      score_mean: '0.5', pass_rate: '0.5', pass_rate_cases: '2', pass_rate_answered: '0.5', scored: '2', error_counts: '', simulated: 'false', run_incomplete: 'false',
      // Two samples bound no percentile: the cell says what n it needs, never a number.
      ttft_p50_ms: 'n<6', ttft_p50_ci_low: '', e2e_p50_ms: 'n<6', output_tps_p50: 'n<6', ttft_p99_ms: 'n<368',
      repeats: '1', pass_at_k: '', pass_all_k: '', flaky_cases: '',
    });
    // Wilson 1 of 2.
    expect(Number(rows[0]?.pass_rate_ci_low)).toBeCloseTo(0.094531, 6);
  });

  it('gives a percentile its order-statistic interval once the sample can bound it, and the repeats\' figures', () => {
    // The median of 100..1300 ms lies between the 3rd and 11th of 13 values at 95%.
    expect(rows[2]).toMatchObject({
      target: 'thirteen', requests: '26', cases: '13', ttft_p50_ms: '700', ttft_p50_ci_low: '300', ttft_p50_ci_high: '1100',
      ttft_p90_ms: 'n<36', ttft_p90_ci_low: '', ttft_p90_ci_high: '', ttft_p99_ms: 'n<368', e2e_p50_ms: '',
      repeats: '2', pass_at_k: '1', pass_at_k_ci_high: '1', flaky_cases: '1', scored: '26', passed: '25',
    });
    // pass^2: 12 of 13 (Wilson 0.6668605–0.9862896); the pass rate the mean of twelve 1s and a 1/2.
    expect(Number(rows[2]?.pass_all_k)).toBeCloseTo(12 / 13, 6);
    expect(Number(rows[2]?.pass_all_k_ci_low)).toBeCloseTo(0.66686, 5);
    expect(Number(rows[2]?.pass_rate)).toBeCloseTo(25 / 26, 6);
  });

  it('leaves figures empty for a target with no answers and neutralises its name', () => {
    expect(rows[1]).toMatchObject({
      pass_rate_cases: '0', pass_rate_answered: '', ttft_p50_ci_low: '',
      target: "'=mock:down", success_rate: '0', ttft_p50_ms: '', cost_usd_total: '', score_mean: '', pass_rate: '',
      pass_rate_ci_low: '', error_counts: 'server_error=1;timeout=1', unanswered: '2', simulated: 'true',
    });
  });
});

describe('summary.json', () => {
  const document = JSON.parse(summaryJson.render(input));

  it('holds the run and the same names and values as summary.csv, with null for unknown', () => {
    expect(document.run).toEqual({ runId: 'run-1', simulatedTargets: ['=mock:down'] });
    expect(Object.keys(document.summaries[0]).filter((key) => !key.endsWith('_needs_n')).slice(0, headline.length)).toEqual(headline);
    expect(document.summaries[0]).toMatchObject({ ttft_p50_ms: null, ttft_p50_ms_needs_n: 6, ttft_p50_ci_low: null, cost_usd_total: 0.3, pass_rate: 0.5, simulated: false, repeats: 1, flaky_cases: null });
    expect(document.summaries[2]).toMatchObject({ ttft_p50_ms: 700, ttft_p50_ms_needs_n: null, ttft_p50_ci_low: 300, ttft_p50_ci_high: 1100, ttft_p99_ms: null, ttft_p99_ms_needs_n: 368, repeats: 2, flaky_cases: 1 });
    // Every figure field holds a number, null or (for the error counts) an object, never the CSV's `n<368`.
    const figures = document.summaries.flatMap((summary: Record<string, unknown>) =>
      Object.entries(summary).filter(([key]) => !['target', 'prompt'].includes(key)));
    expect(figures.filter(([, value]: [string, unknown]) => typeof value === 'string')).toEqual([]);
    expect(document.summaries[1]).toMatchObject({
      target: '=mock:down', ttft_p50_ms: null, ttft_p50_ms_needs_n: null, cost_usd_total: null, pass_rate: null,
      error_counts: { server_error: 1, timeout: 1 }, simulated: true,
    });
  });
});

describe('summary.csv under load', () => {
  const slo = parseSlo(['ttft<=150', 'e2e<=1000']);
  // Six requests scheduled every 200 ms, the last three held back 100 ms by a concurrency cap.
  const open = Array.from({ length: 6 }, (_, index) => {
    const wait = index < 3 ? 0 : 100;
    return makeAttempt({
      target: 'open', caseId: `c${index}`, schedule: { scheduledMs: 200 * index, sentMs: 200 * index + wait, dispatchDelayMs: wait },
      timing: { ttftMs: 60, ttftFromScheduledMs: 60 + wait, e2eMs: 500, e2eFromScheduledMs: 500 + wait, tpotMs: 5, interChunkP50Ms: 10, interChunkP99Ms: 20, tokensPerChunk: 1.5 },
    });
  });
  const closed = [makeAttempt({ target: 'closed', caseId: 'c0', timing: { ttftMs: 60, e2eMs: 500 } })];
  const harness = { seconds: 2, eventLoopDelayMs: { p50: 1, p99: 40, max: 50 }, mainThreadCpu: 0.5, workerCpu: [], processCpu: 0.4, saturated: true, reasons: ['event-loop delay p99 40 ms > 20 ms'] };
  const render = (withHarness: boolean) => parse(summaryCsv.render({
    records: [...open, ...closed], summaries: summarize([...open, ...closed], undefined, { slo }), comparisons: [],
    run: { runId: 'r', simulatedTargets: [], ...(withHarness ? { harness } : {}) },
  }), { columns: true }) as Record<string, string>[];

  it('gives the load figures and goodput of an open-loop target', () => {
    const [row] = render(true);
    expect(row).toMatchObject({
      // 6 sends from 0 to 1,100 ms: 5 intervals.
      achieved_rps: '4.545', ttft_from_scheduled_p50_ms: '110', ttft_from_scheduled_p50_ci_low: '60', ttft_from_scheduled_p50_ci_high: '160',
      ttft_from_scheduled_p99_ms: 'n<368', e2e_from_scheduled_p50_ms: '550', dispatch_delay_p50_ms: '50', tpot_p50_ms: '5', itl_chunk_p50_ms: '10',
      itl_chunk_p99_ms: 'n<368', tokens_per_chunk_mean: '1.5',
      // The three held back answered 160 ms after they were due: they miss ttft<=150.
      goodput_slo: 'ttft<=150;e2e<=1000', goodput: '0.5', goodput_cases: '6', goodput_met: '3', goodput_rps: '2.273', goodput_latency_from: 'scheduled',
      harness_saturated: 'true',
    });
  });

  it('leaves a closed-loop target\'s load figures empty, never 0, and harness_saturated empty when the run was not checked', () => {
    const closedRow = render(false).find((row) => row.target === 'closed')!;
    for (const column of ['achieved_rps', 'ttft_from_scheduled_p50_ms', 'ttft_from_scheduled_p99_ms', 'e2e_from_scheduled_p50_ms', 'dispatch_delay_p50_ms', 'dispatch_delay_p99_ms', 'tpot_p50_ms', 'itl_chunk_p50_ms', 'tokens_per_chunk_mean', 'goodput_rps', 'harness_saturated']) {
      expect(closedRow[column], column).toBe('');
    }
    // Goodput itself needs no schedule: judged from the send.
    expect(closedRow).toMatchObject({ goodput: '1', goodput_met: '1', goodput_latency_from: 'send' });
    expect(render(true).map((row) => row.harness_saturated)).toEqual(['true', 'true']);
  });
});
