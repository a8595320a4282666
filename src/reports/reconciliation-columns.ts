import type { Reconciliation } from '../records/reconciliation.ts';
import { summarizeReconciliation, type PercentileEstimate, type ReconciliationSummary } from '../stats/index.ts';
import { round, roundSignificant } from './round.ts';
import { jsonRow, type FigureColumn } from './step-columns.ts';

/** A median in ms as summary.json holds it: null when the sample cannot bound it, with `<name>_needs_n`. */
function median(name: string, figure: (row: ReconciliationSummary) => PercentileEstimate | undefined): FigureColumn<ReconciliationSummary> {
  return {
    name,
    value: (row) => round(figure(row)?.estimate, 3),
    needed: (row) => {
      const estimate = figure(row);
      return estimate !== undefined && estimate.estimate === undefined ? estimate.needed : undefined;
    },
  };
}

/** The keys of summary.json's `reconciliation.targets`: per target, ours against the AI Gateway's record of the same generations. */
export const reconciliationColumns: Array<FigureColumn<ReconciliationSummary>> = [
  { name: 'target', value: (row) => row.target },
  { name: 'n', value: (row) => row.n },
  { name: 'failures', value: (row) => row.failures },
  median('network_share_p50_ms', (row) => row.networkShareP50Ms),
  median('ttft_p50_ms', (row) => row.ttftP50Ms),
  median('gateway_latency_p50_ms', (row) => row.gatewayLatencyP50Ms),
  median('e2e_p50_ms', (row) => row.e2eP50Ms),
  median('gateway_generation_p50_ms', (row) => row.gatewayGenerationP50Ms),
  median('e2e_minus_generation_p50_ms', (row) => row.e2eMinusGenerationP50Ms),
  { name: 'cost_compared', value: (row) => row.costCompared },
  { name: 'list_cost_usd', value: (row) => roundSignificant(row.listCostUsd) },
  { name: 'gateway_total_cost_usd', value: (row) => roundSignificant(row.gatewayTotalCostUsd) },
  { name: 'cost_diff_usd', value: (row) => roundSignificant(row.costDiffUsd) },
  { name: 'cost_diff_pct', value: (row) => round(row.costDiffPercent, 3) },
  { name: 'reported_compared', value: (row) => row.reportedCompared },
  { name: 'reported_cost_usd', value: (row) => roundSignificant(row.reportedCostUsd) },
  { name: 'reported_diff_usd', value: (row) => roundSignificant(row.reportedDiffUsd) },
];

export type ReconciliationDocument = { fetched_at: string; sample: number; failures: number; targets: Array<Record<string, unknown>> };

/** summary.json's `reconciliation`: when it was fetched, the sample asked per target, and per target its figures. */
export function reconciliationDocument(reconciliation: Reconciliation): ReconciliationDocument {
  return {
    fetched_at: reconciliation.fetchedAt,
    sample: reconciliation.sample,
    failures: reconciliation.failures.length,
    targets: summarizeReconciliation(reconciliation).map((row) => jsonRow(reconciliationColumns, row)),
  };
}
