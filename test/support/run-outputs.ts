import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCsv, readJsonLines } from './run-folder.ts';

/** One line of results.jsonl, as far as the fault tests read it. */
export type ResultLine = {
  caseId: string;
  target: string;
  repeat: number;
  attempt: number;
  final: boolean;
  status: 'ok' | 'error';
  output: string;
  cached?: boolean;
  costUsd?: number;
  error?: { type: string; message: string; httpStatus?: number; retryAfterMs?: number };
  timing: { ttftMs?: number };
};

export type RunOutputs = {
  /** results.jsonl, in the order the attempts were committed. */
  lines: ResultLine[];
  /** results.csv rows. */
  rows: Array<Record<string, string>>;
  /** summary.csv rows, one per target. */
  summary: Array<Record<string, string>>;
  manifest: {
    status: string;
    budgetReached?: boolean;
    warmupCostUsd?: number;
    stoppedTargets?: Array<{ target: string; reason: string }>;
    results: { attempts: number; slots: number; ok: number; errors: number };
  };
};

/** Everything a run folder holds that the tests check, parsed. */
export async function readRunOutputs(folder: string): Promise<RunOutputs> {
  return {
    lines: await readJsonLines<ResultLine>(join(folder, 'results.jsonl')),
    rows: await readCsv(join(folder, 'results.csv')),
    summary: await readCsv(join(folder, 'summary.csv')),
    manifest: JSON.parse(await readFile(join(folder, 'run.json'), 'utf8')) as RunOutputs['manifest'],
  };
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/**
 * The guarantee "no result lost, none duplicated", per case of one target: how many rows of
 * results.csv are marked final, and how many lines of results.jsonl are answers. A case that
 * never appears counts 0.
 */
export function slotTallies(outputs: RunOutputs, target: string, caseIds: readonly string[]) {
  const finals = countBy(outputs.rows.filter((row) => row.target === target && row.final === 'true'), (row) => row.case_id ?? '');
  const answers = countBy(outputs.lines.filter((line) => line.target === target && line.status === 'ok'), (line) => line.caseId);
  return caseIds.map((caseId) => ({ caseId, finals: finals.get(caseId) ?? 0, answers: answers.get(caseId) ?? 0 }));
}

export function median(values: readonly number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(middle)] ?? Number.NaN) + (sorted[Math.ceil(middle)] ?? Number.NaN)) / 2;
}
