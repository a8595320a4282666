import { caseLabel } from '../../records/case-key.ts';
import { escapeHtml } from '../escape-html.ts';
import { caseCellHtml } from './case-cell-html.ts';
import type { CaseBucket, CaseColumn, CaseRow } from './case-rows.ts';
import { cutText, foldedText } from './folded-text.ts';
import { type TextBudget, textBudget } from './text-budget.ts';

/** A case label longer than this is cut, and a tag longer than the other; the dataset has them whole. */
const labelCharacters = 200;
const tagCharacters = 1000;
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
 * The cases: disagreements first, then the ones every target failed, the flaky, the passed, and
 * those without a verdict. In each, one closed-or-open <details> per (dataset, first tag), with its
 * count; passes start closed. Each row: the case, its prompt and expected answer, then each
 * target's answers side by side with their verdicts and reasons.
 */
export function casesHtml(columns: readonly CaseColumn[], rows: readonly CaseRow[], options: { notSent?: number; maxBytes?: number } = {}): string {
  const { notSent = 0, maxBytes = Infinity } = options;
  // Texts cut to the run's budget; when the section would still pass maxBytes, shorter, by the ratio it overshoots.
  let scale = 1;
  let html = casesAtScale(columns, rows, notSent, scale);
  for (let pass = 0; pass < 4; pass += 1) {
    const bytes = Buffer.byteLength(html);
    if (bytes <= maxBytes) break;
    scale *= Math.max(0.05, (0.95 * maxBytes) / bytes);
    html = casesAtScale(columns, rows, notSent, scale);
  }
  return html;
}

function casesAtScale(columns: readonly CaseColumn[], rows: readonly CaseRow[], notSent: number, scale: number): string {
  const unsent = notSent > 0 ? `<p class="warn">${count(notSent)} of the datasets ${notSent === 1 ? 'was' : 'were'} never sent to any target: the run stopped before ${notSent === 1 ? 'it' : 'them'}.</p>\n` : '';
  if (rows.length === 0) return `${unsent}<p class="note">No case was sent.</p>`;
  const severalColumns = columns.length > 1;
  const severalDatasets = new Set(rows.map((row) => row.identity.dataset ?? '')).size > 1;
  const showRepeats = rows.some((row) => row.cells.some((cell) => cell.outcomes.length > 1 || cell.outcomes.some((outcome) => outcome.repeat > 1)));
  const head = tableHead(columns);
  const budget = textBudget(rows.length, rows.reduce((sum, row) => sum + row.cells.reduce((cells, cell) => cells + cell.outcomes.length, 0), 0), scale);
  let openRows = 0;
  const counts = bucketOrder.map((bucket) => [bucket, rows.filter((row) => row.bucket === bucket)] as const).filter(([, bucketRows]) => bucketRows.length > 0);
  const sections = counts.map(([bucket, bucketRows]) => {
    const opensFirst = bucket === 'disagree' || bucket === 'failed' || bucket === 'flaky';
    const groups = groupRows(bucketRows, severalDatasets).map(([label, groupRows]) => {
      const open = opensFirst && openRows + groupRows.length <= openRowBudget;
      if (open) openRows += groupRows.length;
      const body = groupRows.map((row) => rowHtml(row, severalDatasets, budget)).join('\n');
      return `<details class="group"${open ? ' open' : ''}><summary>${escapeHtml(label)} · ${count(groupRows.length)}</summary>
<table class="cases">${head}<tbody>
${body}
</tbody></table></details>`;
    });
    return `<h3>${bucketTitle(bucket, severalColumns)} (${bucketRows.length})</h3>\n${groups.join('\n')}`;
  });
  const overview = counts.map(([bucket, bucketRows]) => `${bucketTitle(bucket, severalColumns).toLowerCase()}: ${bucketRows.length}`).join(' · ');
  return `${unsent}<p>${count(rows.length)}: ${overview}.</p>
<p class="note">Grouped by ${severalDatasets ? 'dataset and ' : ''}first tag. Each cell is a target's final attempt${showRepeats ? ' of each repeat' : ''}: its verdict, the reason, and the answer. An unanswered request counts as a failure. Answers longer than ${budget.answer} characters and prompts longer than ${budget.prompt} are cut here: results.jsonl has every answer whole.</p>
${sections.join('\n')}`;
}

function tableHead(columns: readonly CaseColumn[]): string {
  const showPrompt = columns.some((column) => column.prompt !== 'default');
  const headings = columns.map((column) => `<th>${escapeHtml(column.target)}${showPrompt ? ` <small>${escapeHtml(column.prompt)}</small>` : ''}</th>`);
  return `<thead><tr><th>case</th><th>prompt · expected</th>${headings.join('')}</tr></thead>`;
}

/** (dataset, first tag) groups in the order their first case comes. */
function groupRows(rows: readonly CaseRow[], severalDatasets: boolean): Array<[string, CaseRow[]]> {
  const groups = new Map<string, [string, CaseRow[]]>();
  for (const row of rows) {
    const tag = row.identity.tags?.[0];
    const label = [severalDatasets ? row.identity.dataset ?? '(no dataset)' : undefined, tag ?? 'no tag'].filter((part) => part !== undefined).map((part) => cutText(part, tagCharacters)).join(' · ');
    const key = JSON.stringify([severalDatasets ? row.identity.dataset ?? '' : '', tag ?? null]);
    const group = groups.get(key);
    if (group) group[1].push(row);
    else groups.set(key, [label, [row]]);
  }
  return [...groups.values()];
}

function rowHtml(row: CaseRow, severalDatasets: boolean, budget: TextBudget): string {
  const { identity } = row;
  const tags = identity.tags?.length ? `<small class="tags">${identity.tags.slice(0, shownTags).map((tag) => `#${escapeHtml(cutText(tag, tagCharacters))}`).join(' ')}${identity.tags.length > shownTags ? ` and ${identity.tags.length - shownTags} more` : ''}</small>` : '';
  const prompt = identity.prompt === undefined ? '' : foldedText(identity.prompt, { inline: inlinePrompt, limit: budget.prompt, keep: 'tail' });
  const expected = identity.expected === undefined ? '' : `<small>expected</small>${foldedText(identity.expected, { inline: inlineExpected, limit: budget.expected }) || ' <small>(empty)</small>'}`;
  // One dataset: its name on every row would be noise.
  const label = cutText(severalDatasets ? caseLabel(identity) : identity.caseId, labelCharacters);
  return `<tr id="case-${row.index}"><th>${escapeHtml(label)}</th><td>${prompt}${expected}${tags}</td>${row.cells.map((cell) => caseCellHtml(cell, budget)).join('')}</tr>`;
}

const count = (cases: number) => `${cases} ${cases === 1 ? 'case' : 'cases'}`;
