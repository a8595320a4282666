import type { CaseRow } from './case-rows.ts';

/**
 * The tag each case is grouped by: its first tag that not every case of its dataset has. A
 * dataset's default tags start every case's list, so its first tag alone would make one group of
 * the whole dataset; the cases' own tags (`geography`, `count`) are what tells them apart. A case
 * with only its dataset's shared tags is grouped by its first; one without tags by none.
 */
export function groupTags(rows: readonly CaseRow[]): Map<string, string | undefined> {
  const byDataset = new Map<string, CaseRow[]>();
  for (const row of rows) {
    const dataset = row.identity.dataset ?? '';
    const list = byDataset.get(dataset);
    if (list) list.push(row);
    else byDataset.set(dataset, [row]);
  }
  const tags = new Map<string, string | undefined>();
  for (const datasetRows of byDataset.values()) {
    const shared = sharedTags(datasetRows);
    for (const row of datasetRows) {
      const own = row.identity.tags ?? [];
      tags.set(row.key, own.find((tag) => !shared.has(tag)) ?? own[0]);
    }
  }
  return tags;
}

/** The tags every one of the rows has; none when there is one row (its tags are all its own). */
function sharedTags(rows: readonly CaseRow[]): Set<string> {
  const [first, ...rest] = rows;
  if (first === undefined || rest.length === 0) return new Set();
  const shared = new Set(first.identity.tags ?? []);
  for (const row of rest) {
    const has = new Set(row.identity.tags ?? []);
    for (const tag of shared) if (!has.has(tag)) shared.delete(tag);
  }
  return shared;
}
