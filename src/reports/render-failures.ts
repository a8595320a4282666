import type { AttemptRecord, ErrorType } from '../records/attempt-record.ts';
import type { TargetSummary } from '../stats/index.ts';
import { shortenMiddle, wrapToWidth } from './display-width.ts';
import { terminalSafe } from './terminal-safe.ts';

export type FailuresInput = {
  summaries: readonly TargetSummary[];
  /** The run's records: the first error message of a failing target is read from them. */
  records: readonly AttemptRecord[];
  /** Targets the run stopped: each gets its first error message. */
  stoppedTargets?: readonly { target: string; reason: string }[];
  /** The widest line, in terminal columns (Infinity: no wrapping). */
  width: number;
};

/** Below this success rate a target's first error is shown: most of its requests failed the same way, as a rule. */
const failingSuccessRate = 0.5;
/** The longest label in a line, unless the width is unlimited (--wide): both ends stay. */
const labelWidth = 48;
/** A server's message can run to kilobytes; results.jsonl has it whole. */
const messageLines = 4;

/** `timeout 8 · stream_error 3`: the most frequent first; empty when there were none. */
export function formatErrorCounts(counts: Partial<Record<ErrorType, number>>): string {
  return Object.entries(counts)
    .filter(([, count]) => (count ?? 0) > 0)
    .sort(([typeA, countA], [typeB, countB]) => (countB ?? 0) - (countA ?? 0) || typeA.localeCompare(typeB))
    .map(([type, count]) => `${type} ${count}`)
    .join(' · ');
}

/**
 * Under the summary table, what went wrong: each target's unanswered requests by error type, and
 * for a target that was stopped or answered fewer than half its requests, its first error message
 * (already redacted of keys when it was recorded; made inert here). Empty when nothing failed.
 */
export function renderFailures(input: FailuresInput): string {
  const stopped = new Set((input.stoppedTargets ?? []).map((entry) => entry.target));
  const showPrompt = input.summaries.some((summary) => summary.prompt !== 'default');
  const lines: string[] = [];
  for (const summary of input.summaries) {
    const counts = formatErrorCounts(summary.errorCounts);
    if (counts === '') continue;
    const name = showPrompt ? `${summary.target} (${summary.prompt})` : summary.target;
    const isStopped = stopped.has(summary.target);
    const shown = input.width === Infinity ? safe(name) : shortenMiddle(safe(name), labelWidth);
    lines.push(...wrapToWidth(`  ${shown}: ${counts}${isStopped ? ' (stopped)' : ''}`, input.width, { indent: '    ' }));
    const failing = isStopped || (summary.successRate !== undefined && summary.successRate < failingSuccessRate);
    const first = failing ? firstError(input.records, summary) : undefined;
    if (first) lines.push(...wrapToWidth(`    first error: ${first}`, input.width, { indent: '      ', maxLines: messageLines }));
  }
  return lines.length === 0 ? '' : [wrapToWidth('Errors by type (requests that ended unanswered):', input.width).join('\n'), ...lines].join('\n');
}

/** `network: connect ECONNREFUSED 127.0.0.1:9`, from the first request the target ended without an answer (else its first failed attempt). */
function firstError(records: readonly AttemptRecord[], summary: TargetSummary): string | undefined {
  const own = records.filter((record) => record.target === summary.target && record.prompt === summary.prompt);
  const record = own.find((candidate) => candidate.status === 'error' && candidate.final) ?? own.find((candidate) => candidate.status === 'error');
  if (record?.status !== 'error') return undefined;
  const { type, httpStatus, message } = record.error;
  const status = httpStatus === undefined ? '' : ` (HTTP ${httpStatus})`;
  return `${type}${status}: ${message.trim() === '' ? '(no message)' : safe(message)}`;
}

/** The user's or a server's text in a line of ours: one line, inert. */
const safe = (text: string) => terminalSafe(text, { oneLine: true });
