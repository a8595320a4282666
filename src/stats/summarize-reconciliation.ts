import type { Reconciliation, ReconciledGeneration } from '../records/reconciliation.ts';
import { percentileInterval, type PercentileEstimate } from './percentile-interval.ts';

/**
 * reconciliation.json per target: how much of our TTFT the gateway does not see (the network
 * and the harness), and how its costs compare. Medians carry their order-statistic interval, or
 * the n they need.
 */
export type ReconciliationSummary = {
  target: string;
  /** Generations the gateway described. */
  n: number;
  /** Generations that could not be fetched. */
  failures: number;
  /** Median of (our TTFT − the gateway's latency), over generations with both: the network-and-harness share. */
  networkShareP50Ms: PercentileEstimate | undefined;
  /** Median of our TTFT over the same generations. */
  ttftP50Ms: PercentileEstimate | undefined;
  /** Median of the gateway's latency (its time to first token). */
  gatewayLatencyP50Ms: PercentileEstimate | undefined;
  /** Median of the gateway's generation time. */
  gatewayGenerationP50Ms: PercentileEstimate | undefined;
  /** Median of our e2e. */
  e2eP50Ms: PercentileEstimate | undefined;
  /** Median of (our e2e − the gateway's generation time). */
  e2eMinusGenerationP50Ms: PercentileEstimate | undefined;
  /** Over generations with a list-price cost: its sum, the gateway record's totalCost summed, and their difference (gateway − list). */
  costCompared: number;
  listCostUsd: number | undefined;
  gatewayTotalCostUsd: number | undefined;
  costDiffUsd: number | undefined;
  costDiffPercent: number | undefined;
  /** Over generations with a stream-reported cost: how far the gateway record's total is from it (record − reported). */
  reportedCompared: number;
  reportedCostUsd: number | undefined;
  reportedDiffUsd: number | undefined;
};

/** One summary per target, in the order its first row (or failure) came. */
export function summarizeReconciliation(reconciliation: Reconciliation): ReconciliationSummary[] {
  const rowsByTarget = new Map<string, ReconciledGeneration[]>();
  const failures = new Map<string, number>();
  for (const row of reconciliation.rows) rowsByTarget.set(row.target, [...(rowsByTarget.get(row.target) ?? []), row]);
  for (const failure of reconciliation.failures) {
    failures.set(failure.target, (failures.get(failure.target) ?? 0) + 1);
    if (!rowsByTarget.has(failure.target)) rowsByTarget.set(failure.target, []);
  }
  return [...rowsByTarget].map(([target, rows]) => targetReconciliation(target, rows, failures.get(target) ?? 0));
}

function targetReconciliation(target: string, rows: readonly ReconciledGeneration[], failures: number): ReconciliationSummary {
  const listed = rows.filter((row) => finite(row.listCostUsd) && finite(row.gatewayTotalCostUsd));
  const reported = rows.filter((row) => finite(row.reportedCostUsd) && finite(row.gatewayTotalCostUsd));
  const listCostUsd = sum(listed, (row) => row.listCostUsd!);
  const gatewayTotalCostUsd = sum(listed, (row) => row.gatewayTotalCostUsd);
  const costDiffUsd = listCostUsd === undefined || gatewayTotalCostUsd === undefined ? undefined : gatewayTotalCostUsd - listCostUsd;
  const reportedCostUsd = sum(reported, (row) => row.reportedCostUsd!);
  const reportedTotal = sum(reported, (row) => row.gatewayTotalCostUsd);
  return {
    target,
    n: rows.length,
    failures,
    networkShareP50Ms: median(rows.flatMap((row) => (finite(row.ttftMs) && finite(row.gatewayLatencyMs) ? [row.ttftMs! - row.gatewayLatencyMs] : []))),
    ttftP50Ms: median(rows.flatMap((row) => (finite(row.ttftMs) ? [row.ttftMs!] : []))),
    gatewayLatencyP50Ms: median(rows.flatMap((row) => (finite(row.gatewayLatencyMs) ? [row.gatewayLatencyMs] : []))),
    gatewayGenerationP50Ms: median(rows.flatMap((row) => (finite(row.gatewayGenerationTimeMs) ? [row.gatewayGenerationTimeMs] : []))),
    e2eP50Ms: median(rows.flatMap((row) => (finite(row.e2eMs) ? [row.e2eMs!] : []))),
    e2eMinusGenerationP50Ms: median(rows.flatMap((row) => (finite(row.e2eMs) && finite(row.gatewayGenerationTimeMs) ? [row.e2eMs! - row.gatewayGenerationTimeMs] : []))),
    costCompared: listed.length,
    listCostUsd,
    gatewayTotalCostUsd,
    costDiffUsd,
    costDiffPercent: costDiffUsd === undefined || !listCostUsd ? undefined : (costDiffUsd / listCostUsd) * 100,
    reportedCompared: reported.length,
    reportedCostUsd,
    reportedDiffUsd: reportedCostUsd === undefined || reportedTotal === undefined ? undefined : reportedTotal - reportedCostUsd,
  };
}

function median(values: readonly number[]): PercentileEstimate | undefined {
  return values.length === 0 ? undefined : percentileInterval(values, 50);
}

function sum<T>(items: readonly T[], figure: (item: T) => number): number | undefined {
  return items.length === 0 ? undefined : items.reduce((total, item) => total + figure(item), 0);
}

function finite(value: number | undefined): boolean {
  return value !== undefined && Number.isFinite(value);
}
