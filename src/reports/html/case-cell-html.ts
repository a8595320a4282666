import type { AttemptRecord } from '../../records/attempt-record.ts';
import { boundedJson } from '../bounded-json.ts';
import { escapeHtml } from '../escape-html.ts';
import { type CaseCell, outcomeVerdict } from './case-rows.ts';
import { cutText, foldedText } from './folded-text.ts';
import type { TextBudget } from './text-budget.ts';

/** Answers longer than this are folded. */
const inlineAnswer = 400;

/**
 * One (case, target) cell: each repeat's final verdict with its reason (the scorer's, or the
 * error's message), then the answer, folded when long; `not sent` when nothing was. The markup is
 * lean on purpose (a 10,000-attempt page has 10,000 of these): one repeat is the cell itself,
 * its class the verdict; several are one block each in a cell whose class says how they went.
 */
export function caseCellHtml(cell: CaseCell, budget: TextBudget): string {
  const [only, ...more] = cell.outcomes;
  if (only === undefined) return '<td class="plain"><small>not sent</small></td>';
  if (more.length === 0) return `<td class="${verdictClass(only)}">${outcomeHtml(only, false, budget)}</td>`;
  return `<td class="${cell.state}">${cell.outcomes.map((outcome) => `<div class="${verdictClass(outcome)}">${outcomeHtml(outcome, true, budget)}</div>`).join('')}</td>`;
}

/** The class a verdict is styled by: pass, fail, error, or plain (answered without assertions, unscored). */
function verdictClass(record: AttemptRecord): string {
  const verdict = outcomeVerdict(record);
  return verdict === 'answered' || verdict === 'unscored' ? 'plain' : verdict;
}

function outcomeHtml(record: AttemptRecord, showRepeat: boolean, budget: TextBudget): string {
  const word = record.status === 'error' ? record.error.type : outcomeVerdict(record);
  const marks = [showRepeat ? `repeat ${record.repeat}` : '', record.attempt > 1 ? `attempt ${record.attempt}` : ''].filter(Boolean);
  const reason = cutText(record.status === 'error' ? record.error.message : record.score?.reason ?? '', budget.reason);
  // Tool calls and the answer share the answer's budget.
  const toolCalls = cutText((record.toolCalls ?? []).map((call) => `${call.name} ${boundedJson(call.arguments)}`).join('\n'), budget.answer);
  const answerFold = { inline: inlineAnswer, limit: Math.max(80, budget.answer - toolCalls.length) };
  return `<b>${escapeHtml(word)}</b>${marks.length > 0 ? ` <small>${marks.join(', ')}</small>` : ''}${reason ? ` ${escapeHtml(reason)}` : ''}${foldedText(toolCalls, { ...answerFold, limit: budget.answer + 1 })}${foldedText(record.output, answerFold)}`;
}
