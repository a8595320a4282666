import { isStepRecord, type AttemptRecord } from '../records/index.ts';
import type { SweepRow, SweepStep } from '../reports/sweep-curve.ts';
import { formatSlo, pairKey, percentileInterval, type SloObjective, type TargetSummary } from '../stats/index.ts';
import { caseShareRate } from '../stats/case-share-rate.ts';
import { PairRecordFigures, stepRecordFigures, type StepRecordFigures } from './step-record-figures.ts';

/**
 * The curve's rows of one step: one per (target, prompt) of its summary. Figures come from the
 * summary; the few it may lack (an older summary without load figures, goodput when the summary
 * was made without the SLO) are computed here from the step's records, by the same rules.
 * `figures`, the step's throughput, send rate and goodput gathered from every record, is what a
 * step past 50,000 records must pass: its `records` are then a sample (its reports are streamed).
 */
export function sweepStepRows(
  step: SweepStep,
  summaries: readonly TargetSummary[],
  records: readonly AttemptRecord[],
  slo: readonly SloObjective[],
  figures: StepRecordFigures = stepRecordFigures(records, slo),
): SweepRow[] {
  return summaries.map((summary) => {
    const answered = records.filter((record) => record.target === summary.target && record.prompt === summary.prompt && record.status === 'ok' && !isStepRecord(record));
    const pair = figures.get(pairKey(summary)) ?? new PairRecordFigures(slo);
    const fromRecords = (pick: (record: AttemptRecord) => number | undefined, p: number) => percentileInterval(values(answered, pick), p).estimate;
    const achievedRps = summary.achievedRps ?? pair.sendRate;
    const goodput = slo.length > 0 && summary.slo !== formatSlo(slo) ? goodputOf(pair, achievedRps) : undefined;
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
      outputTokensPerSecond: pair.outputTokensPerSecond,
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

/** Goodput by the summary's rule: each slot judged by its final attempt, cases as the unit. */
function goodputOf(pair: PairRecordFigures, achievedRps: number | undefined) {
  const { finals, met, caseShares, repeats } = pair.goodput;
  const share = caseShareRate(caseShares, repeats);
  const rps = achievedRps !== undefined && finals > 0 ? (achievedRps * met) / finals : undefined;
  return { ...share, rps };
}
