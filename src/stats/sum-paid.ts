import type { AttemptRecord } from '../records/attempt-record.ts';

/**
 * Sums a paid-for figure (cost, tokens) over all attempts. A failed attempt without the figure
 * is skipped: it may not have been billed. A successful one without it makes the total unknown,
 * because any number we printed would understate what was spent. Undefined when no attempt
 * reported the figure.
 */
export function sumPaid(
  records: readonly AttemptRecord[],
  figure: (record: AttemptRecord) => number | undefined,
): number | undefined {
  let total: number | undefined;
  for (const record of records) {
    const value = figure(record);
    if (value === undefined) {
      if (record.status === 'ok') return undefined;
      continue;
    }
    total = (total ?? 0) + value;
  }
  return total;
}
