import type { AttemptRecord } from '../../records/attempt-record.ts';
import { boundedJson } from '../bounded-json.ts';
import { escapeHtml } from '../escape-html.ts';
import { type CaseCell, outcomeVerdict } from './case-rows.ts';
import { cutText, foldedText } from './folded-text.ts';

/** Answers longer than this are folded; the page carries at most `limit` characters of one. */
const answerFold = { inline: 400, limit: 2000 };
const reasonCharacters = 300;
const errorCharacters = 500;

/** The cell's background says how its repeats went; the word in it, each repeat's verdict. */
const cellClass = { good: 'good', bad: 'bad', mixed: 'mixed', neutral: 'plain', missing: 'plain' } as const;

/**
 * One (case, target) cell: each repeat's final verdict with its reason (the scorer's, or the
 * error's message), then the answer, folded when long. Nothing sent: `not sent`.
 */
export function caseCellHtml(cell: CaseCell, showRepeats: boolean): string {
  if (cell.outcomes.length === 0) return '<td class="plain"><span class="why">not sent</span></td>';
  return `<td class="${cellClass[cell.state]}">${cell.outcomes.map((outcome) => outcomeHtml(outcome, showRepeats)).join('')}</td>`;
}

function outcomeHtml(record: AttemptRecord, showRepeats: boolean): string {
  const verdict = outcomeVerdict(record);
  const word = record.status === 'error' ? record.error.type : verdict;
  const kind = verdict === 'answered' || verdict === 'unscored' ? 'plain' : verdict;
  const marks = [
    showRepeats ? `repeat ${record.repeat}` : '',
    record.attempt > 1 ? `attempt ${record.attempt}` : '',
  ].filter(Boolean);
  const reason = record.status === 'error' ? cutText(record.error.message, errorCharacters) : cutText(record.score?.reason ?? '', reasonCharacters);
  return `<div class="repeat ${kind}"><span class="v">${escapeHtml(word)}</span>${marks.length > 0 ? ` <small>${marks.join(', ')}</small>` : ''}${
    reason ? ` <span class="why">${escapeHtml(reason)}</span>` : ''
  }${record.toolCalls?.length ? foldedText(boundedJson(record.toolCalls, 2), answerFold) : ''}${foldedText(record.output, answerFold)}</div>`;
}
