import type { AttemptRecord } from '../../records/attempt-record.ts';
import type { TargetSummary } from '../../stats/index.ts';
import { escapeHtml } from '../escape-html.ts';
import { cutText } from './folded-text.ts';

const messageCharacters = 400;

/**
 * Each (target, prompt) that went unanswered somewhere: its errors by type, most frequent first
 * (`timeout 8 · stream_error 3`), and the first error message (redacted when recorded), so a
 * target at 0% shows why. Nothing when every request was answered.
 */
export function errorsHtml(records: readonly AttemptRecord[], summaries: readonly TargetSummary[]): string {
  const failing = summaries.filter((summary) => Object.values(summary.errorCounts).some((count) => (count ?? 0) > 0));
  if (failing.length === 0) return '';
  const showPrompt = summaries.some((summary) => summary.prompt !== 'default');
  const rows = failing.map((summary) => {
    const types = Object.entries(summary.errorCounts)
      .filter(([, count]) => (count ?? 0) > 0)
      .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))
      .map(([type, count]) => `${escapeHtml(type)} ${count}`)
      .join(' · ');
    const first = records.find((record) => record.final && record.status === 'error' && record.target === summary.target && record.prompt === summary.prompt);
    const message = first?.status === 'error' ? escapeHtml(cutText(first.error.message, messageCharacters)) : '';
    const label = `${escapeHtml(summary.target)}${showPrompt ? ` <small>${escapeHtml(summary.prompt)}</small>` : ''}`;
    return `<tr><td>${label}</td><td class="num">${summary.unanswered} of ${summary.requests}</td><td>${types}</td><td><code>${message}</code></td></tr>`;
  });
  return `<h2>Errors</h2>
<div class="scroll"><table><thead><tr><th>target</th><th>unanswered</th><th>by type</th><th>first error</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
