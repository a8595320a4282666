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
  /** Default `streamAboveRecords`; tests lower it. */
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

/**
 * Two passes over results.jsonl, neither holding it: the first counts its records and finds the
 * slots whose final record is not simply their only one (retried, resumed, or left waiting for
 * a retry a stop never sent); the second settles each record's `final` as normalizeFinals would
 * (a slot's latest record is its final one) and feeds it to the summaries, the counts and the
 * sample. Undefined when the run is small enough to hold (`above`), or has multi-call cases,
 * whose per-step figures still need every record: the caller then reads it whole.
 */
export async function streamResults(path: string, options: StreamOptions): Promise<StreamedResults | undefined> {
  const above = options.above ?? streamAboveRecords;
  // Pass 1. A slot with more than one record has one past attempt 1 (attempts count up); its
  // latest record is the last of those. A slot whose one record is not final is settled here too.
  let total = 0;
  let steps = false;
  let maxRepeat = 1;
  const latest = new Map<string, number>();
  await scanResults(path, (record) => {
    if (isStepRecord(record) || isPipelineRecord(record)) steps = true;
    if (record.attempt > 1 || !record.final) latest.set(slotKey(record), total);
    maxRepeat = Math.max(maxRepeat, record.repeat);
    total++;
  });
  if (total <= above || steps) return undefined;

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
