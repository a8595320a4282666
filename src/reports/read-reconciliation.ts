import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Reconciliation } from '../records/reconciliation.ts';

/** The file --reconcile writes into a run folder. */
export const reconciliationFileName = 'reconciliation.json';

/**
 * reconciliation.json of a run folder, or undefined when it has none or it is not one (not JSON,
 * or without its `rows` and `failures` lists): the reports are written without its section rather
 * than not at all. Its rows are kept only when their figures are numbers.
 */
export async function readReconciliation(folder: string): Promise<Reconciliation | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(join(folder, reconciliationFileName), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Partial<Reconciliation>;
  if (!Array.isArray(candidate.rows) || !Array.isArray(candidate.failures)) return undefined;
  return {
    fetchedAt: typeof candidate.fetchedAt === 'string' ? candidate.fetchedAt : '',
    sample: typeof candidate.sample === 'number' ? candidate.sample : 0,
    rows: candidate.rows.filter(
      (row) => typeof row === 'object' && row !== null && typeof row.target === 'string' && typeof row.gatewayLatencyMs === 'number' && typeof row.gatewayGenerationTimeMs === 'number' && typeof row.gatewayTotalCostUsd === 'number',
    ),
    failures: candidate.failures.filter((failure) => typeof failure === 'object' && failure !== null && typeof failure.target === 'string'),
  };
}
