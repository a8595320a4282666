import path from 'node:path';
import { InputError } from '../../config/errors.ts';
import { caseKey, isPipelineRecord, type AttemptRecord } from '../../records/index.ts';
import { scanResults } from '../../records/read-results.ts';

/** Mean output tokens of a past run's answers, by target and case (and step), with coarser fallbacks. */
export type PastOutputTokens = {
  /** By (target, case, step); else the step's mean over the target's cases; else the target's mean per call. */
  meanOf(target: string, caseIdentity: { dataset?: string | undefined; id: string }, step?: string): number | undefined;
};

type Mean = { sum: number; count: number };

/** Builds the means from records (answered attempts with a known output count; a pipeline's own record is a sum of its steps, so it is left out). */
export function pastOutputTokens(records: Iterable<AttemptRecord>): PastOutputTokens {
  const means = new Map<string, Mean>();
  const add = (key: string, tokens: number) => {
    const mean = means.get(key) ?? { sum: 0, count: 0 };
    mean.sum += tokens;
    mean.count += 1;
    means.set(key, mean);
  };
  for (const record of records) {
    if (record.status !== 'ok' || isPipelineRecord(record)) continue;
    const tokens = record.usage.outputTokens;
    if (tokens === undefined) continue;
    const step = record.step ?? '';
    add(JSON.stringify([record.target, caseKey(record), step]), tokens);
    add(JSON.stringify([record.target, null, step]), tokens);
    add(JSON.stringify([record.target, null, null]), tokens);
  }
  const value = (key: unknown[]) => {
    const mean = means.get(JSON.stringify(key));
    return mean ? mean.sum / mean.count : undefined;
  };
  return {
    meanOf: (target, identity, step) =>
      value([target, caseKey({ dataset: identity.dataset, caseId: identity.id }), step ?? '']) ?? value([target, null, step ?? '']) ?? value([target, null, null]),
  };
}

/** `--from-run DIR`: its results.jsonl, read without changing it (a torn last line is skipped, not cut). */
export async function readPastOutputTokens(folder: string, cwd: string): Promise<PastOutputTokens> {
  const file = path.join(path.resolve(cwd, folder), 'results.jsonl');
  const records: AttemptRecord[] = [];
  const scan = await scanResults(file, (record) => records.push(record));
  if (scan.records === 0) throw new InputError(`--from-run ${folder}: no results.jsonl with answers in that folder; give a run folder (reports/<run id>)`);
  return pastOutputTokens(records);
}
