import { InputError } from '../config/errors.ts';
import type { ReportInput, RunInfo } from '../reports/index.ts';
import type { AttemptRecord } from '../records/index.ts';
import type { Reconciliation } from '../records/reconciliation.ts';
import { normalizeFinals, type Plan } from '../runner/index.ts';
import { compareToBaseline, pairKey, summarize, summarizeSteps, type PlannedPair, type SloObjective, type TargetSummary } from '../stats/index.ts';

type SummaryInput = {
  records: readonly AttemptRecord[];
  planned: PlannedPair[];
  baseline?: string | undefined;
  run: RunInfo;
  /** Whether each case has assertions (caseKey → yes), from the datasets when they are at hand. */
  assertions?: ReadonlyMap<string, boolean>;
  /** `--slo`, parsed: goodput is judged against these. */
  slo?: readonly SloObjective[] | undefined;
  /** reconciliation.json of the run folder, when it has one. */
  reconciliation?: Reconciliation | undefined;
};

/** Summarise: the final records, a summary per planned (target, prompt), each against the baseline. */
export function summariseRun(input: SummaryInput): ReportInput {
  // Exactly one final record per slot sent: its latest. This also settles a slot whose retry was
  // never sent (stopped target, budget, Ctrl-C), whose last attempt was appended as not final.
  const records = normalizeFinals(input.records);
  const options = { ...(input.assertions ? { assertions: input.assertions } : {}), ...(input.slo?.length ? { slo: input.slo } : {}) };
  const summaries = withBaselineFirst(summarize(records, input.planned, options), input.baseline);
  const { steps, pipelines } = summarizeSteps(records, summaries);
  return {
    records,
    summaries,
    comparisons: compareToBaseline(records, summaries),
    run: input.run,
    ...(steps.length > 0 ? { steps } : {}),
    ...(pipelines.length > 0 ? { pipelines } : {}),
    ...(input.reconciliation ? { reconciliation: input.reconciliation } : {}),
  };
}

/** `--baseline LABEL`: that target's first (target, prompt) leads, and the others are compared with it. */
export function withBaselineFirst(summaries: TargetSummary[], baseline: string | undefined): TargetSummary[] {
  if (baseline === undefined) return summaries;
  const index = summaries.findIndex((summary) => summary.target === baseline);
  if (index < 0) {
    throw new InputError(`--baseline ${baseline}: no such target in the run (targets: ${[...new Set(summaries.map((summary) => summary.target))].join(', ')})`);
  }
  return [summaries[index]!, ...summaries.filter((_, other) => other !== index)];
}

/** Slots per (target, prompt) of the whole plan: what the reports compare the sent ones with. */
export function plannedPairs(plan: Plan): PlannedPair[] {
  const pairs = new Map<string, PlannedPair>();
  for (const request of plan.requests) {
    const key = pairKey({ target: request.target.label, prompt: request.prompt });
    const pair = pairs.get(key) ?? { target: request.target.label, prompt: request.prompt, slots: 0 };
    pair.slots += 1;
    pairs.set(key, pair);
  }
  return [...pairs.values()];
}
