import { caseLabel } from '../../records/case-key.ts';
import { escapeHtml } from '../escape-html.ts';
import { caseCellHtml } from './case-cell-html.ts';
import type { CaseBucket, CaseColumn, CaseRow } from './case-rows.ts';
import { cutMiddle, cutText, foldedText } from './folded-text.ts';
import { groupTags } from './group-tags.ts';
import { type TextBudget, textBudget } from './text-budget.ts';

/** A case shows this many of its tags at most; the dataset has them all. */
const shownTags = 8;

/** Prompts and expected answers longer than these are folded. */
const inlinePrompt = 400;
const inlineExpected = 300;

/**
 * Rows laid out open at most: past it, the groups of a bucket start closed. Closed <details> are
 * not laid out, so a 2,500-case page opens fast and still shows the disagreements first.
 */
const openRowBudget = 400;

const bucketOrder: CaseBucket[] = ['disagree', 'failed', 'flaky', 'passed', 'answered', 'unscored'];

function bucketTitle(bucket: CaseBucket, severalColumns: boolean): string {
  const every = severalColumns ? ' on every target' : '';
  return {
    disagree: 'Where the targets disagree',
    failed: `Failed or unanswered${every}`,
    flaky: `Flaky${every}: passed on some repeats only`,
    passed: `Passed${every}`,
    answered: `Answered${every}, nothing to check (no assertions)`,
    unscored: 'No verdict',
  }[bucket];
}

/**
 * How much of the cases the page carries: every row, or the rows of the open groups only (closed
 * groups keep their heading and count), or no row at all; the last two only when the page would
 * pass its bound with every text cut to its least.
 */
type Shown = 'every row' | 'open groups' | 'headings';

/**
 * The cases: disagreements first, then the ones every target failed, the flaky, the passed, and
 * those without a verdict. In each, one closed-or-open <details> per (dataset, tag: see
 * `groupTags`), with its count; passes start closed. Each row: the case, its prompt and expected
 * answer, then each target's answers side by side with their verdicts and reasons.
 *
 * The section stays within `maxBytes`: every text a user or a model wrote (ids, tags, target
 * names, prompts, answers, reasons) is cut to the run's budget, shorter while the section would
 * pass the bound; when even the shortest texts do not fit, the closed groups' rows, then every
 * row, are left out, and the page says results.jsonl has them.
 */
export function casesHtml(columns: readonly CaseColumn[], rows: readonly CaseRow[], options: { notSent?: number; maxBytes?: number } = {}): string {
  const { notSent = 0, maxBytes = Infinity } = options;
  const tags = groupTags(rows);
  const attempts = rows.reduce((sum, row) => sum + row.cells.reduce((cells, cell) => cells + cell.outcomes.length, 0), 0);
  let scale = 1;
  let budget = textBudget(rows.length, attempts, scale);
  // A pass whose rows alone pass `enough` bytes is not finished: its text is not kept, and any size
  // past it shrinks the texts by the same least factor (0.05), so the page is the same.
  const enough = (0.95 * maxBytes) / 0.05;
  for (;;) {
    const html = casesWithin(columns, rows, { notSent, tags, budget, shown: 'every row', stopPast: enough });
    const bytes = html === undefined ? Infinity : Buffer.byteLength(html);
    if (html !== undefined && bytes <= maxBytes) return html;
    scale *= Math.max(0.05, (0.95 * maxBytes) / bytes);
    const shorter = textBudget(rows.length, attempts, scale);
    // Every text at its least already: cutting cannot make the page fit.
    if (JSON.stringify(shorter) === JSON.stringify(budget)) break;
    budget = shorter;
  }
  for (const shown of ['open groups', 'headings'] as const) {
    const html = casesWithin(columns, rows, { notSent, tags, budget, shown, stopPast: maxBytes });
    if (html !== undefined && Buffer.byteLength(html) <= maxBytes) return html;
  }
  return `<p class="note">${count(rows.length)} were sent; they are left out here to keep the page small: results.jsonl has every case and answer.</p>`;
}

/**
 * `stopPast`: once the rows rendered so far pass this many bytes, the pass stops and gives
 * undefined (a page that large is not kept): the work of a pass over a million attempts is bounded
 * by the page, not by the run.
 */
type Layout = { notSent: number; tags: ReadonlyMap<string, string | undefined>; budget: TextBudget; shown: Shown; stopPast?: number };

function casesWithin(columns: readonly CaseColumn[], rows: readonly CaseRow[], layout: Layout): string | undefined {
  let rowBytes = 0;
  try {
    return casesLaidOut(columns, rows, layout, (html) => {
      rowBytes += Buffer.byteLength(html);
      if (rowBytes > (layout.stopPast ?? Infinity)) throw new PassStopped();
      return html;
    });
  } catch (error) {
    if (error instanceof PassStopped) return undefined;
    throw error;
  }
}

class PassStopped extends Error {}

function casesLaidOut(columns: readonly CaseColumn[], rows: readonly CaseRow[], { notSent, tags, budget, shown }: Layout, counted: (rowHtml: string) => string): string {
  const unsent = notSent > 0 ? `<p class="warn">${count(notSent)} of the datasets ${notSent === 1 ? 'was' : 'were'} never sent to any target: the run stopped before ${notSent === 1 ? 'it' : 'them'}.</p>\n` : '';
  if (rows.length === 0) return `${unsent}<p class="note">No case was sent.</p>`;
  const severalColumns = columns.length > 1;
  const severalDatasets = new Set(rows.map((row) => row.identity.dataset ?? '')).size > 1;
  const showRepeats = rows.some((row) => row.cells.some((cell) => cell.outcomes.length > 1 || cell.outcomes.some((outcome) => outcome.repeat > 1)));
  const head = tableHead(columns, budget.label);
  let openRows = 0;
  let leftOut = 0;
  const counts = bucketOrder.map((bucket) => [bucket, rows.filter((row) => row.bucket === bucket)] as const).filter(([, bucketRows]) => bucketRows.length > 0);
  const sections = counts.map(([bucket, bucketRows]) => {
    const opensFirst = bucket === 'disagree' || bucket === 'failed' || bucket === 'flaky';
    const groups = groupRows(bucketRows, severalDatasets, tags, budget.label).map(([label, groupRows]) => {
      const open = opensFirst && openRows + groupRows.length <= openRowBudget;
      if (open) openRows += groupRows.length;
      const summary = `<summary>${escapeHtml(label)} · ${count(groupRows.length)}</summary>`;
      if (shown === 'headings' || (shown === 'open groups' && !open)) {
        leftOut += groupRows.length;
        return `<details class="group">${summary}<p class="note">Left out: see results.jsonl.</p></details>`;
      }
      const body = groupRows.map((row) => counted(rowHtml(row, severalDatasets, budget))).join('\n');
      return `<details class="group"${open ? ' open' : ''}>${summary}
<table class="cases">${head}<tbody>
${body}
</tbody></table></details>`;
    });
    return `<h3>${bucketTitle(bucket, severalColumns)} (${bucketRows.length})</h3>\n${groups.join('\n')}`;
  });
  const overview = counts.map(([bucket, bucketRows]) => `${bucketTitle(bucket, severalColumns).toLowerCase()}: ${bucketRows.length}`).join(' · ');
  const omitted = leftOut > 0 ? `<p class="warn">${count(leftOut)} of ${rows.length} are left out here, their groups' headings and counts kept, to keep the page small: results.jsonl has every case and answer.</p>\n` : '';
  return `${unsent}<p>${count(rows.length)}: ${overview}.</p>
${omitted}<p class="note">Grouped by ${severalDatasets ? 'dataset and ' : ''}tag: a case's first tag that not every case of its dataset has. Each cell is a target's final attempt${showRepeats ? ' of each repeat' : ''}: its verdict, the reason, and the answer. An unanswered request counts as a failure. Answers longer than ${budget.answer} characters, prompts longer than ${budget.prompt} and case ids longer than ${budget.label} are cut here: results.jsonl has every answer whole.</p>
${sections.join('\n')}`;
}

function tableHead(columns: readonly CaseColumn[], limit: number): string {
  const showPrompt = columns.some((column) => column.prompt !== 'default');
  const headings = columns.map((column) => `<th>${escapeHtml(cutMiddle(column.target, limit))}${showPrompt ? ` <small>${escapeHtml(cutMiddle(column.prompt, limit))}</small>` : ''}</th>`);
  return `<thead><tr><th>case</th><th>prompt · expected</th>${headings.join('')}</tr></thead>`;
}

/** (dataset, tag) groups in the order their first case comes. */
function groupRows(rows: readonly CaseRow[], severalDatasets: boolean, tags: ReadonlyMap<string, string | undefined>, limit: number): Array<[string, CaseRow[]]> {
  const groups = new Map<string, [string, CaseRow[]]>();
  for (const row of rows) {
    const tag = tags.get(row.key);
    const label = [severalDatasets ? row.identity.dataset ?? '(no dataset)' : undefined, tag ?? 'no tag'].filter((part) => part !== undefined).map((part) => cutText(part, limit)).join(' · ');
    const key = JSON.stringify([severalDatasets ? row.identity.dataset ?? '' : '', tag ?? null]);
    const group = groups.get(key);
    if (group) group[1].push(row);
    else groups.set(key, [label, [row]]);
  }
  return [...groups.values()];
}

function rowHtml(row: CaseRow, severalDatasets: boolean, budget: TextBudget): string {
  const { identity } = row;
  const prompt = identity.prompt === undefined ? '' : foldedText(identity.prompt, { inline: inlinePrompt, limit: budget.prompt, keep: 'tail' });
  const expected = identity.expected === undefined ? '' : `<small>expected</small>${foldedText(identity.expected, { inline: inlineExpected, limit: budget.expected }) || ' <small>(empty)</small>'}`;
  // One dataset: its name on every row would be noise.
  const label = cutText(severalDatasets ? caseLabel(identity) : identity.caseId, budget.label);
  return `<tr id="case-${row.index}"><th>${escapeHtml(label)}</th><td>${prompt}${expected}${tagsHtml(identity.tags ?? [], budget.tags)}</td>${row.cells.map((cell) => caseCellHtml(cell, budget)).join('')}</tr>`;
}

/** The first tags, `shownTags` at most and `limit` characters together at most, then how many more. */
function tagsHtml(tags: readonly string[], limit: number): string {
  if (tags.length === 0) return '';
  const shown: string[] = [];
  let left = limit;
  for (const tag of tags.slice(0, shownTags)) {
    if (left <= 0) break;
    const cut = cutText(tag, left);
    shown.push(`#${escapeHtml(cut)}`);
    left -= cut.length;
  }
  const more = tags.length - shown.length;
  return `<small class="tags">${shown.join(' ')}${more > 0 ? ` and ${more} more` : ''}</small>`;
}

const count = (cases: number) => `${cases} ${cases === 1 ? 'case' : 'cases'}`;
