import type { AttemptRecord } from '../../records/attempt-record.ts';
import { caseKey } from '../../records/case-key.ts';
import type { ReportCase, ReportInput } from '../report-input.ts';

/** A column of the cases' tables: one (target, prompt) of the run. */
export type CaseColumn = { target: string; prompt: string };

/** What one final attempt came to. */
export type OutcomeVerdict = 'pass' | 'fail' | 'error' | 'answered' | 'unscored';

/**
 * What a (case, column) came to over its repeats: every repeat passed or answered (`good`), every
 * one failed or went unanswered (`bad`), some of each (`mixed`), no verdict (`neutral`: unscored),
 * or nothing sent (`missing`).
 */
export type CellState = 'good' | 'bad' | 'mixed' | 'neutral' | 'missing';

/**
 * Where a case goes on the page: the targets disagree (their cells' states differ), or they agree
 * that it failed, was flaky, or passed; `answered` when every target answered a case without
 * assertions; `unscored` when no target has a verdict on it.
 */
export type CaseBucket = 'disagree' | 'failed' | 'flaky' | 'passed' | 'answered' | 'unscored';

export type CaseCell = { outcomes: AttemptRecord[]; state: CellState };

export type CaseRow = {
  /** Its place in the datasets' order: a stable anchor (`case-12`) that no label can spoil. */
  index: number;
  key: string;
  identity: ReportCase;
  /** One per column, in the columns' order. */
  cells: CaseCell[];
  bucket: CaseBucket;
};

export function outcomeVerdict(record: AttemptRecord): OutcomeVerdict {
  if (record.status === 'error') return 'error';
  if (!record.score) return 'answered';
  if (record.score.unscored) return 'unscored';
  return record.score.passed ? 'pass' : 'fail';
}

/**
 * Every case that was sent, in the datasets' order (then any case they do not list: records of an
 * older version of them), with the final attempt of each repeat per column, and its bucket; and
 * how many of the datasets' cases were never sent to any target.
 */
export function caseRows({ records, summaries, run }: Pick<ReportInput, 'records' | 'summaries' | 'run'>): { columns: CaseColumn[]; rows: CaseRow[]; notSent: number } {
  const columns = caseColumns(records, summaries);
  const sent = new Map<string, ReportCase>();
  const finals = new Map<string, AttemptRecord[]>();
  for (const record of records) {
    const key = caseKey(record);
    if (!sent.has(key)) sent.set(key, { ...(record.dataset !== undefined ? { dataset: record.dataset } : {}), caseId: record.caseId });
    if (!record.final) continue;
    const slot = JSON.stringify([key, record.target, record.prompt]);
    const list = finals.get(slot);
    if (list) list.push(record);
    else finals.set(slot, [record]);
  }
  const ordered = new Map<string, ReportCase>();
  let notSent = 0;
  for (const listed of run.cases ?? run.caseIds?.map((caseId) => ({ caseId })) ?? []) {
    const key = caseKey(listed);
    if (!sent.has(key)) notSent += 1;
    else if (!ordered.has(key)) ordered.set(key, listed);
  }
  for (const [key, identity] of sent) if (!ordered.has(key)) ordered.set(key, identity);
  const rows = [...ordered].map(([key, identity], index) => {
    const cells = columns.map((column) => {
      const outcomes = (finals.get(JSON.stringify([key, column.target, column.prompt])) ?? []).sort((a, b) => a.repeat - b.repeat);
      return { outcomes, state: cellState(outcomes) };
    });
    const bucket = caseBucket(cells.map((cell) => cell.state));
    // Answered with nothing to check is not passed.
    const checked = cells.some((cell) => cell.outcomes.some((outcome) => outcomeVerdict(outcome) === 'pass' || outcomeVerdict(outcome) === 'fail'));
    return { index, key, identity, cells, bucket: bucket === 'passed' && !checked ? 'answered' as const : bucket };
  });
  return { columns, rows, notSent };
}

/** The summaries' (target, prompt) pairs in their order, then any only the records know. */
function caseColumns(records: readonly AttemptRecord[], summaries: ReportInput['summaries']): CaseColumn[] {
  const columns = new Map<string, CaseColumn>();
  for (const { target, prompt } of [...summaries, ...records]) {
    const key = JSON.stringify([target, prompt]);
    if (!columns.has(key)) columns.set(key, { target, prompt });
  }
  return [...columns.values()];
}

function cellState(outcomes: readonly AttemptRecord[]): CellState {
  if (outcomes.length === 0) return 'missing';
  let good = 0;
  let bad = 0;
  for (const outcome of outcomes) {
    const verdict = outcomeVerdict(outcome);
    if (verdict === 'pass' || verdict === 'answered') good += 1;
    else if (verdict === 'fail' || verdict === 'error') bad += 1;
  }
  if (good === 0 && bad === 0) return 'neutral';
  if (bad === 0) return 'good';
  return good === 0 ? 'bad' : 'mixed';
}

function caseBucket(states: readonly CellState[]): CaseBucket {
  const judged = new Set(states.filter((state) => state !== 'neutral' && state !== 'missing'));
  if (judged.size > 1) return 'disagree';
  const [only] = judged;
  if (only === undefined) return 'unscored';
  return only === 'bad' ? 'failed' : only === 'mixed' ? 'flaky' : 'passed';
}
