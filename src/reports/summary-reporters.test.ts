import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { makeAttempt } from '../stats/make-attempt.ts';
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
  makeAttempt({ target: '=mock:down', caseId: 'c1', error: { type: 'server_error', message: '500' } }),
  makeAttempt({ target: '=mock:down', caseId: 'c2', error: { type: 'timeout', message: 'slow' } }),
];
const input: ReportInput = {
  records, summaries: summarize(records), comparisons: [], run: { runId: 'run-1', simulatedTargets: ['=mock:down'], cases: [{ dataset: 'd', caseId: 'c1' }] },
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
    expect(header).toContain('pass_rate_ci_low');
    expect(rows).toHaveLength(2);
  });

  it('writes the figures, rounded sanely', () => {
    expect(rows[0]).toMatchObject({
      target: 'openai:gpt-4o', prompt: 'default', requests: '2', success_rate: '1', ttft_p50_ms: '200.062',
      e2e_p50_ms: '1000', output_tps_p50: '60', cost_usd_total: '0.3', cost_per_1k_requests_usd: '150',
      score_mean: '0.5', pass_rate: '0.5', scored: '2', error_counts: '', simulated: 'false', run_incomplete: 'false',
    });
  });

  it('leaves figures empty for a target with no answers and neutralises its name', () => {
    expect(rows[1]).toMatchObject({
      target: "'=mock:down", success_rate: '0', ttft_p50_ms: '', cost_usd_total: '', score_mean: '', pass_rate: '',
      pass_rate_ci_low: '', error_counts: 'server_error=1;timeout=1', unanswered: '2', simulated: 'true',
    });
  });
});

describe('summary.json', () => {
  const document = JSON.parse(summaryJson.render(input));

  it('holds the run and the same names and values as summary.csv, with null for unknown', () => {
    expect(document.run).toEqual({ runId: 'run-1', simulatedTargets: ['=mock:down'] });
    expect(Object.keys(document.summaries[0]).slice(0, headline.length)).toEqual(headline);
    expect(document.summaries[0]).toMatchObject({ ttft_p50_ms: 200.062, cost_usd_total: 0.3, pass_rate: 0.5, simulated: false });
    expect(document.summaries[1]).toMatchObject({
      target: '=mock:down', ttft_p50_ms: null, cost_usd_total: null, pass_rate: null,
      error_counts: { server_error: 1, timeout: 1 }, simulated: true,
    });
  });
});
