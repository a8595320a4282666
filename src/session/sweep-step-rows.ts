import { isPipelineRecord, isStepRecord, type AttemptRecord } from '../records/index.ts';
import type { SweepRow, SweepStep } from '../reports/sweep-curve.ts';
import { formatSlo, percentileInterval, sloVerdict, type SloObjective, type TargetSummary } from '../stats/index.ts';
import { caseShareRate } from '../stats/case-share-rate.ts';

/**
 * The curve's rows of one step: one per (target, prompt) of its summary. Figures come from the
 * summary; the few it may lack (an older summary without load figures, goodput when the summary
 * was made without the SLO) are computed here from the step's records, by the same rules.
 */
export function sweepStepRows(step: SweepStep, summaries: readonly TargetSummary[], records: readonly AttemptRecord[], slo: readonly SloObjective[]): SweepRow[] {
  return summaries.map((summary) => {
    const all = records.filter((record) => record.target === summary.target && record.prompt === summary.prompt);
    // What was sent: every attempt, a multi-call case's steps included, never the case's own record
    // (it repeats its steps' usage). What a case got: its own record, never a step's.
    const own = all.filter((record) => !isPipelineRecord(record));
    const finals = all.filter((record) => record.final && !isStepRecord(record));
    const answered = all.filter((record) => record.status === 'ok' && !isStepRecord(record));
    const fromRecords = (pick: (record: AttemptRecord) => number | undefined, p: number) => percentileInterval(values(answered, pick), p).estimate;
    const achievedRps = summary.achievedRps ?? sendRate(own);
    const goodput = slo.length > 0 && summary.slo !== formatSlo(slo) ? goodputOf(finals, slo, achievedRps) : undefined;
    return {
      step: step.step,
      folder: step.folder,
      rate: step.rate,
      concurrency: step.concurrency,
      target: summary.target,
      prompt: summary.prompt,
      requests: summary.requests,
      achievedRps,
      ttftFromScheduledP50Ms: summary.ttftFromScheduledP50Ms ?? fromRecords((record) => record.timing.ttftFromScheduledMs, 50),
      ttftFromScheduledP99Ms: summary.ttftFromScheduledP99Ms ?? fromRecords((record) => record.timing.ttftFromScheduledMs, 99),
      ttftP50Ms: summary.ttftP50Ms,
      ttftP99Ms: summary.ttftP99Ms,
      e2eFromScheduledP50Ms: summary.e2eFromScheduledP50Ms ?? fromRecords((record) => record.timing.e2eFromScheduledMs, 50),
      e2eFromScheduledP99Ms: summary.e2eFromScheduledP99Ms ?? fromRecords((record) => record.timing.e2eFromScheduledMs, 99),
      e2eP50Ms: summary.e2eP50Ms,
      e2eP99Ms: summary.e2eP99Ms,
      outputTokensPerSecond: outputThroughput(own),
      goodput: goodput ? goodput.rate : summary.goodput,
      goodputCiLow: goodput ? goodput.interval?.low : summary.goodputCiLow,
      goodputCiHigh: goodput ? goodput.interval?.high : summary.goodputCiHigh,
      goodputCases: goodput ? goodput.cases : summary.goodputCases,
      goodputRps: goodput ? goodput.rps : summary.goodputRps,
      errors: summary.unanswered,
      harnessSaturated: step.harness?.saturated,
    };
  });
}

function values(records: readonly AttemptRecord[], pick: (record: AttemptRecord) => number | undefined): number[] {
  const out: number[] = [];
  for (const record of records) {
    const value = pick(record);
    if (value !== undefined && Number.isFinite(value)) out.push(value);
  }
  return out;
}

/** First attempts sent per second: (n − 1) over the span from the first send to the last. */
function sendRate(records: readonly AttemptRecord[]): number | undefined {
  const sends = values(records.filter((record) => record.attempt === 1), (record) => record.schedule?.sentMs);
  if (sends.length < 2) return undefined;
  const span = Math.max(...sends) - Math.min(...sends);
  return span > 0 ? ((sends.length - 1) * 1000) / span : undefined;
}

/** Every answer's output tokens over the step's span: the first send to the last answer's end. */
function outputThroughput(records: readonly AttemptRecord[]): number | undefined {
  let first = Infinity;
  let last = -Infinity;
  let tokens = 0;
  for (const record of records) {
    const sent = record.schedule?.sentMs;
    if (sent === undefined) continue;
    first = Math.min(first, sent);
    if (record.status !== 'ok' || record.timing.e2eMs === undefined) continue;
    last = Math.max(last, sent + record.timing.e2eMs);
    tokens += record.usage.outputTokens ?? 0;
  }
  return last > first && tokens > 0 ? (tokens * 1000) / (last - first) : undefined;
}

/** Goodput by the summary's rule: each slot judged by its final attempt, cases as the unit. */
function goodputOf(finals: readonly AttemptRecord[], slo: readonly SloObjective[], achievedRps: number | undefined) {
  const byCase = new Map<string, { met: number; slots: number }>();
  let met = 0;
  for (const record of finals) {
    const key = `${record.dataset ?? ''}\u0000${record.caseId}`;
    const counts = byCase.get(key) ?? { met: 0, slots: 0 };
    counts.slots += 1;
    if (sloVerdict(record, slo).met) {
      counts.met += 1;
      met += 1;
    }
    byCase.set(key, counts);
  }
  const repeats = Math.max(1, ...Array.from(byCase.values(), (counts) => counts.slots));
  const share = caseShareRate(Array.from(byCase.values(), (counts) => counts.met / counts.slots), repeats);
  const rps = achievedRps !== undefined && finals.length > 0 ? (achievedRps * met) / finals.length : undefined;
  return { ...share, rps };
}
