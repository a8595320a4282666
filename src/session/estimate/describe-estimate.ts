import { formatUsd } from '../../reports/format-usd.ts';
import { shortenMiddle } from '../../reports/display-width.ts';
import { terminalSafe } from '../../reports/terminal-safe.ts';
import type { RunEstimate } from './estimate-types.ts';

const count = (value: number) => value.toLocaleString('en-US');

/**
 * The estimate in one line, as `run` prints it before it starts:
 * `Estimate: 1,240 requests, ≈ 0.41 USD expected, 0.93 USD at most (max tokens 512).`
 */
export function describeEstimate(estimate: RunEstimate): string {
  const { total } = estimate;
  const requests = `${count(total.requests)} request${total.requests === 1 ? '' : 's'}`;
  if (total.paidRequests === 0) return `Estimate: ${requests}, ${inputTokens(estimate)}; 0 USD (simulated: nothing is paid).`;
  const parts = [requests];
  const fromPast = estimate.targets.some((target) => target.expectedFrom !== undefined && target.expectedFrom !== 'max tokens');
  // Without a past run, the expected output is max tokens: the expected cost is the worst, said once.
  if (fromPast && total.expectedUsd !== undefined) parts.push(`≈ ${formatUsd(total.expectedUsd)} USD expected`);
  if (total.worstUsd !== undefined) parts.push(`${formatUsd(total.worstUsd)} USD at most${maxTokensNote(estimate)}`);
  else parts.push(`${inputTokens(estimate)}${total.inputUsd !== undefined ? ` (${formatUsd(total.inputUsd)} USD of input)` : ''}`);
  const unknown = unknownReasons(estimate);
  return `Estimate: ${parts.join(', ')}${unknown.length > 0 ? `; ${unknown.join('; ')}` : ''}.`;
}

function inputTokens(estimate: RunEstimate): string {
  return `${estimate.total.inputLowerBound ? '≥ ' : ''}${count(estimate.total.inputTokens)} input tokens`;
}

function maxTokensNote(estimate: RunEstimate): string {
  return estimate.maxTokens !== undefined ? ` (max tokens ${count(estimate.maxTokens)})` : '';
}

/** The longest label in a line of prose, unless --wide: a line fits the terminal. */
const proseLabelWidth = 48;

/** Why a cost is not known: no price for a target, or output with no bound. */
export function unknownReasons(estimate: RunEstimate, options: { wide?: boolean | undefined } = {}): string[] {
  const reasons: string[] = [];
  const unpriced = [...new Set(estimate.targets.flatMap((target) => target.unpriced))];
  const shown = (label: string) => (options.wide ? terminalSafe(label, { oneLine: true }) : shortenMiddle(terminalSafe(label, { oneLine: true }), proseLabelWidth));
  if (unpriced.length > 0) reasons.push(`no price for ${unpriced.map(shown).join(', ')} (add a row with --prices)`);
  if (estimate.total.worstOutputTokens === undefined && estimate.total.paidRequests > 0) reasons.push('output unknown without --max-tokens');
  return reasons;
}
