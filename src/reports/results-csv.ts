import type { AttemptRecord } from '../records/attempt-record.ts';
import { boundedJson } from './bounded-json.ts';
import { round } from './round.ts';
import { stringify } from 'csv-stringify/sync';
import { csvCell } from './csv-cell.ts';
import type { CsvColumn } from './render-csv.ts';
import type { ReportFormat } from './report-format.ts';

const milliseconds = (value: number | undefined) => round(value, 3);
const errorOf = (record: AttemptRecord) => (record.status === 'error' ? record.error : undefined);

/** One row per attempt, retries included, in the order they were recorded. */
export const resultsColumns: CsvColumn<AttemptRecord>[] = [
  // Empty in a single-dataset run: case ids are unique within a dataset, not across datasets.
  { name: 'dataset', value: (record) => record.dataset },
  { name: 'case_id', value: (record) => record.caseId },
  { name: 'target', value: (record) => record.target },
  { name: 'prompt', value: (record) => record.prompt },
  { name: 'repeat', value: (record) => record.repeat },
  { name: 'attempt', value: (record) => record.attempt },
  { name: 'final', value: (record) => record.final },
  { name: 'status', value: (record) => record.status },
  { name: 'error_type', value: (record) => errorOf(record)?.type },
  { name: 'http_status', value: (record) => errorOf(record)?.httpStatus ?? record.httpStatus },
  { name: 'ttft_ms', value: (record) => milliseconds(record.timing.ttftMs) },
  { name: 'first_output_ms', value: (record) => milliseconds(record.timing.firstOutputMs) },
  { name: 'e2e_ms', value: (record) => milliseconds(record.timing.e2eMs) },
  { name: 'output_tps', value: (record) => round(record.timing.outputTps, 3) },
  { name: 'tpot_ms', value: (record) => milliseconds(record.timing.tpotMs) },
  { name: 'inter_chunk_mean_ms', value: (record) => milliseconds(record.timing.interChunkMeanMs) },
  { name: 'inter_chunk_p50_ms', value: (record) => milliseconds(record.timing.interChunkP50Ms) },
  { name: 'inter_chunk_p99_ms', value: (record) => milliseconds(record.timing.interChunkP99Ms) },
  { name: 'input_tokens', value: (record) => record.usage.inputTokens },
  { name: 'output_tokens', value: (record) => record.usage.outputTokens },
  { name: 'cached_input_tokens', value: (record) => record.usage.cachedInputTokens },
  { name: 'reasoning_tokens', value: (record) => record.usage.reasoningTokens },
  { name: 'tokens_estimated', value: (record) => record.usage.estimated },
  { name: 'cost_usd', value: (record) => record.costUsd },
  { name: 'cost_source', value: (record) => record.costSource },
  { name: 'finish_reason', value: (record) => record.finishReason },
  { name: 'served_by', value: (record) => record.servedBy },
  { name: 'score', value: (record) => (record.score?.unscored ? undefined : round(record.score?.score, 6)) },
  { name: 'passed', value: (record) => (record.score?.unscored ? undefined : record.score?.passed) },
  { name: 'score_reason', value: (record) => record.score?.reason },
  { name: 'error_message', value: (record) => errorOf(record)?.message },
  { name: 'started_at', value: (record) => record.startedAt },
  { name: 'output', value: (record) => record.output },
  { name: 'headers_ms', value: (record) => milliseconds(record.timing.headersMs) },
  { name: 'chunk_count', value: (record) => record.timing.chunkCount },
  { name: 'retry_after_ms', value: (record) => errorOf(record)?.retryAfterMs },
  { name: 'tool_calls', value: (record) => (record.toolCalls ? boundedJson(record.toolCalls) : undefined) },
  { name: 'cached', value: (record) => record.cached ?? false },
  // The judge's own calls (llm-judge), apart from the answer's usage and cost.
  { name: 'judge_input_tokens', value: (record) => record.score?.judge?.inputTokens },
  { name: 'judge_output_tokens', value: (record) => record.score?.judge?.outputTokens },
  { name: 'judge_cost_usd', value: (record) => record.score?.judge?.costUsd },
  // Multi-call cases: a step's attempt has `step`; the case's own record has the pipeline_ figures (and no step).
  { name: 'step', value: (record) => record.step },
  { name: 'step_target', value: (record) => record.stepTarget },
  { name: 'pipeline_kind', value: (record) => record.pipeline?.kind },
  { name: 'critical_path_ms', value: (record) => milliseconds(record.pipeline?.criticalPathMs) },
  { name: 'sum_of_steps_ms', value: (record) => milliseconds(record.pipeline?.sumOfStepsMs) },
  { name: 'pipeline_attempts', value: (record) => record.pipeline?.attempts },
  { name: 'failed_step', value: (record) => record.pipeline?.failedStep },
  // Prompt cache and the AI Gateway.
  { name: 'cache_busted', value: (record) => record.cacheBusted ?? false },
  { name: 'list_cost_usd', value: (record) => record.listCostUsd },
  { name: 'gateway_cost_usd', value: (record) => record.gatewayCostUsd },
  { name: 'generation_id', value: (record) => record.generationId },
  { name: 'fallbacks', value: (record) => record.fallbacks?.join(';') },
  { name: 'credential_type', value: (record) => record.credentialType },
];

/** Rows per piece of text: enough to amortise the call, few enough to keep each piece small. */
const rowsPerChunk = 1_000;

/**
 * results.csv in pieces, its header first, a thousand rows at a time: written as they come, a
 * run of a million attempts never holds the file as one string. Joined, the pieces are `render`'s text.
 */
export function* resultsCsvChunks(records: Iterable<AttemptRecord>): Generator<string> {
  yield stringify([], { header: true, columns: resultsColumns.map((column) => column.name) });
  let rows: string[][] = [];
  for (const record of records) {
    rows.push(resultsColumns.map((column) => csvCell(column.value(record))));
    if (rows.length < rowsPerChunk) continue;
    yield stringify(rows);
    rows = [];
  }
  if (rows.length > 0) yield stringify(rows);
}

/** resultsCsvChunks of records that come as a stream (results.jsonl read back): the same pieces. */
export async function* resultsCsvChunksOf(records: AsyncIterable<AttemptRecord>): AsyncGenerator<string> {
  let batch: AttemptRecord[] = [];
  let header = true;
  for await (const record of records) {
    batch.push(record);
    if (batch.length < rowsPerChunk) continue;
    yield* chunksOf(batch, header);
    header = false;
    batch = [];
  }
  if (header || batch.length > 0) yield* chunksOf(batch, header);
}

/** A batch's rows as resultsCsvChunks gives them, with or without the header before them. */
function* chunksOf(batch: readonly AttemptRecord[], header: boolean): Generator<string> {
  const chunks = resultsCsvChunks(batch);
  const first = chunks.next();
  if (header && !first.done) yield first.value;
  yield* chunks;
}

export const resultsCsv: ReportFormat = {
  fileName: 'results.csv',
  render: ({ records }) => [...resultsCsvChunks(records)].join(''),
};
