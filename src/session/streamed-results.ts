import { stat } from 'node:fs/promises';
import { hashString } from '../config/seeded-random.ts';
import { caseKey, slotKey, type AttemptRecord } from '../records/index.ts';
import { isPipelineRecord, isStepRecord } from '../records/pipeline-figures.ts';
import { resultsOf, scanResults } from '../records/read-results.ts';
import type { RecordsSample } from '../reports/report-input.ts';
import type { Reconciliation } from '../records/reconciliation.ts';
import type { ReportInput, RunInfo } from '../reports/index.ts';
import { compareToBaseline, createSummaryAccumulator, pairKey, type PlannedPair, type SloObjective, type TargetSummary } from '../stats/index.ts';
import { withBaselineFirst } from './summarise-run.ts';

/**
 * Past this many records a run's reports are made from results.jsonl read as a stream: its
 * summaries (every figure, exact), results.csv (every row) and run.json's counts from every
 * record, and what shows records one by one (report.html's cases, errors and charts, failures,
 * a reporter's `records`) from a bounded sample of them (`sampleRecords`). At or below it, every
 * record is held and every report is as it always was.
 */
export const streamAboveRecords = 50_000;
/** About how many records the sample holds (a few more: each (target, prompt)'s first error is added). */
export const sampleRecords = 10_000;

export type StreamOptions = {
  planned: readonly PlannedPair[];
  assertions?: ReadonlyMap<string, boolean> | undefined;
  slo?: readonly SloObjective[] | undefined;
  /**
   * Keep every record's case figures (a slim copy: identity, status, score, timing, cost), for
   * what compares cases (the comparison with a baseline, the gates). Otherwise none are kept.
   */
  caseRecords: boolean;
  /** streamResults: default `streamAboveRecords`; tests lower it. */
  above?: number;
  /** Default `sampleRecords`. */
  sample?: number;
};

export type StreamedResults = {
  /** How many records results.jsonl holds. */
  total: number;
  /** Every planned pair's summary, in plan order (before --baseline reorders them). */
  summaries: TargetSummary[];
  /** The sample, settled as normalizeFinals settles them, in file order. */
  records: AttemptRecord[];
  sampled: RecordsSample;
  /** Slim copies of every record, settled, when `caseRecords` asked for them; else empty. */
  caseRecords: AttemptRecord[];
  /** run.json's `results`, counted from every record. */
  counts: { attempts: number; slots: number; ok: number; errors: number };
  /** Every record again, settled, in file order: results.csv's rows. */
  all(): AsyncIterable<AttemptRecord>;
};

/** What the first pass over results.jsonl found: enough to settle each record's `final` in the second. */
export type ResultsShape = {
  total: number;
  /** Whether records name their dataset (runs before datasets were named have none). */
  named: boolean;
  maxRepeat: number;
  /** Slot key → the index of its latest record, for the slots whose final record is not simply their only one. */
  latest: Map<string, number>;
};

/**
 * The first of two passes over results.jsonl, neither holding it: counts its records and finds
 * the slots whose final record is not simply their only one (retried, resumed, or left waiting
 * for a retry a stop never sent). Undefined when the run is small enough to hold (`above`,
 * default `streamAboveRecords`), or has multi-call cases, whose per-step figures still need every
 * record: the caller then reads it whole.
 */
export async function resultsShape(path: string, above = streamAboveRecords): Promise<ResultsShape | undefined> {
  if (!(await mayStream(path, above))) return undefined;
  // A slot with more than one record has one past attempt 1 (attempts count up); its latest
  // record is the last of those. A slot whose one record is not final is settled here too.
  let total = 0;
  let steps = false;
  let named = false;
  let maxRepeat = 1;
  const latest = new Map<string, number>();
  await scanResults(path, (record) => {
    if (isStepRecord(record) || isPipelineRecord(record)) steps = true;
    if (record.attempt > 1 || !record.final) latest.set(slotKey(record), total);
    if (record.dataset !== undefined) named = true;
    maxRepeat = Math.max(maxRepeat, record.repeat);
    total++;
  });
  return total <= above || steps ? undefined : { total, named, maxRepeat, latest };
}

/** No record is under about 200 bytes: a results.jsonl smaller than `above` of them is held whole, unread here. */
const leastRecordBytes = 200;

/** Whether results.jsonl may hold more than `above` records, from its size alone (false: it cannot). */
export async function mayStream(path: string, above = streamAboveRecords): Promise<boolean> {
  const size = await stat(path).then((stats) => stats.size, () => 0);
  return size > above * leastRecordBytes;
}

/**
 * resultsShape, then the second pass: settles each record's `final` as normalizeFinals would (a
 * slot's latest record is its final one) and feeds it to the summaries, the counts and the sample.
 */
export async function streamResults(path: string, options: StreamOptions): Promise<StreamedResults | undefined> {
  const shape = await resultsShape(path, options.above);
  return shape && streamShapedResults(path, shape, options);
}

/** The second pass of streamResults, over a file whose shape is known. */
export async function streamShapedResults(path: string, shape: ResultsShape, options: StreamOptions): Promise<StreamedResults> {
  const { total, maxRepeat, latest } = shape;
  const sampling = sampleRule(total, maxRepeat, options.sample ?? sampleRecords);
  const accumulator = createSummaryAccumulator(options.planned, {
    ...(options.assertions ? { assertions: options.assertions } : {}),
    ...(options.slo?.length ? { slo: options.slo } : {}),
  });
  const records: AttemptRecord[] = [];
  const caseRecords: AttemptRecord[] = [];
  const firstErrors = new Set<string>();
  const counts = { attempts: 0, slots: 0, ok: 0, errors: 0 };
  const settle = settler(latest);
  await scanResults(path, (raw) => {
    const record = settle(raw);
    accumulator.add(record);
    counts.attempts++;
    if (record.final) {
      counts.slots++;
      if (record.status === 'ok') counts.ok++;
      else counts.errors++;
    }
    if (options.caseRecords) caseRecords.push(slim(record));
    // Each (target, prompt)'s first final error is what the failures and report.html quote.
    const firstError = record.final && record.status === 'error' && !firstErrors.has(pairKey(record));
    if (firstError) firstErrors.add(pairKey(record));
    if (firstError || sampling.keeps(record)) records.push(record);
  });
  return {
    total,
    summaries: accumulator.finish(),
    records,
    sampled: { records: total, shown: records.length, repeats: sampling.repeats, ...(sampling.caseShare < 1 ? { caseShare: sampling.caseShare } : {}) },
    caseRecords,
    counts,
    all: () => settledRecords(path, latest),
  };
}

/** The reports' input from a streamed run: as summariseRun's, with `records` the sample and `run.recordsSampled` saying so. */
export function streamedReport(streamed: StreamedResults, input: { baseline?: string | undefined; run: RunInfo; reconciliation?: Reconciliation | undefined }): ReportInput {
  const summaries = withBaselineFirst(streamed.summaries, input.baseline);
  return {
    records: streamed.records,
    summaries,
    comparisons: summaries.length > 1 ? compareToBaseline(streamed.caseRecords, summaries) : [],
    run: { ...input.run, recordsSampled: streamed.sampled },
    ...(input.reconciliation ? { reconciliation: input.reconciliation } : {}),
  };
}

/** Whether the reports compare cases, and so need every record's case figures: several (target, prompt) pairs, or gates. */
export function comparesCases(planned: readonly PlannedPair[], settings: { gates?: readonly string[] | undefined; minPassRate?: number | undefined; maxDrop?: number | undefined; baselineRun?: string | undefined }): boolean {
  return planned.length > 1 || (settings.gates?.length ?? 0) > 0 || settings.minPassRate !== undefined || settings.maxDrop !== undefined || settings.baselineRun !== undefined;
}

/** Settles `final` as normalizeFinals does: a record is final exactly when it is its slot's latest. */
function settler(latest: ReadonlyMap<string, number>): (record: AttemptRecord) => AttemptRecord {
  let index = 0;
  return (record) => {
    const at = index++;
    const last = latest.get(slotKey(record));
    const final = last === undefined || last <= at;
    return record.final === final ? record : { ...record, final };
  };
}

async function* settledRecords(path: string, latest: ReadonlyMap<string, number>): AsyncGenerator<AttemptRecord> {
  const settle = settler(latest);
  for await (const record of resultsOf(path)) yield settle(record);
}

/**
 * Which records the sample keeps: whole repeats from the first, as many as make about `most`
 * records (every case's first repeats: report.html's cases stay whole cases); when even one
 * repeat is more, the cases whose key hashes (FNV-1a, a fixed seed) below the share that fits.
 */
function sampleRule(total: number, maxRepeat: number, most: number): { repeats: number; caseShare: number; keeps(record: AttemptRecord): boolean } {
  const perRepeat = total / maxRepeat;
  const repeats = Math.max(1, Math.floor(most / perRepeat));
  const caseShare = Math.min(1, most / perRepeat);
  const threshold = caseShare * 4_294_967_296;
  return {
    repeats,
    caseShare,
    keeps: (record) => record.repeat <= repeats && (caseShare >= 1 || hashString(caseKey(record)) < threshold),
  };
}

/** What comparing cases reads of a record (caseOutcomes, groupSlots, the gates), and nothing else. */
const slimFields = ['target', 'prompt', 'dataset', 'caseId', 'repeat', 'attempt', 'final', 'status', 'score', 'timing', 'costUsd', 'error', 'model', 'usage'] as const;

function slim(record: AttemptRecord): AttemptRecord {
  const copy: Record<string, unknown> = {};
  for (const field of slimFields) if (record[field as keyof AttemptRecord] !== undefined) copy[field] = record[field as keyof AttemptRecord];
  return copy as AttemptRecord;
}
