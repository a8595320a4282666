import Table from 'cli-table3';
import { formatUsd } from '../../reports/format-usd.ts';
import { terminalSafe } from '../../reports/terminal-safe.ts';
import { shortenMiddle } from '../../reports/display-width.ts';
import { unknownReasons } from './describe-estimate.ts';
import type { RunEstimate, TargetEstimate } from './estimate-types.ts';

const count = (value: number | undefined) => (value === undefined ? 'unknown' : Math.round(value).toLocaleString('en-US'));
/** A label longer than this is cut in its middle, unless --wide: the table fits in 100 columns. */
const labelWidth = 34;

/**
 * `llm-bench estimate` for the terminal: one row per target (requests, input tokens, expected
 * output, expected and worst USD) and a total, then what the figures rest on. Labels are the
 * user's text, made inert.
 */
export function renderEstimateTable(estimate: RunEstimate, options: { wide?: boolean } = {}): string {
  const table = new Table({
    head: ['target', 'requests', 'input\ntokens', 'expected\noutput', 'expected\nUSD', 'worst\nUSD'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [], compact: true },
  });
  for (const target of estimate.targets) {
    const label = terminalSafe(target.target, { oneLine: true });
    table.push([options.wide ? label : shortenMiddle(label, labelWidth), ...figures(target)]);
  }
  if (estimate.targets.length > 1) table.push(['total', ...figures({ ...estimate.total, simulated: estimate.total.paidRequests === 0, unpriced: [], tokenizers: [] })]);
  return [table.toString(), ...notes(estimate, options.wide)].join('\n');
}

function figures(row: Pick<TargetEstimate, 'requests' | 'inputTokens' | 'inputLowerBound' | 'expectedOutputTokens' | 'expectedUsd' | 'worstUsd' | 'simulated' | 'unpriced' | 'tokenizers'>): string[] {
  const approximate = row.tokenizers.length > 0 && row.tokenizers.every((tokenizer) => tokenizer === 'chars/4');
  const usd = (value: number | undefined) => (row.unpriced.length > 0 ? 'no price' : value === undefined ? 'unknown' : `${formatUsd(value)}${row.simulated ? ' (simulated)' : ''}`);
  return [
    count(row.requests),
    `${row.inputLowerBound ? '≥ ' : approximate ? '≈ ' : ''}${count(row.inputTokens)}`,
    count(row.expectedOutputTokens),
    usd(row.expectedUsd),
    usd(row.worstUsd),
  ];
}

/** What the figures rest on: how tokens were counted, where the expected output comes from, what is not known. */
function notes(estimate: RunEstimate, wide = false): string[] {
  const lines: string[] = [];
  const tokenizers = new Set(estimate.targets.flatMap((target) => target.tokenizers).sort((one, other) => (one === 'o200k' ? -1 : other === 'o200k' ? 1 : 0)));
  lines.push(
    `Input tokens: ${[...tokenizers].map((tokenizer) => (tokenizer === 'o200k' ? 'counted with o200k (OpenAI models)' : '≈ chars/4 (an approximation, for models whose tokenizer is not at hand)')).join('; ')}, ` +
      'plus 3 a message and 3 a request; the cached-input price is not assumed.',
  );
  const fromPast = estimate.targets.some((target) => target.expectedFrom === 'past run' || target.expectedFrom === 'past run and max tokens');
  if (fromPast) lines.push(`Expected output: the mean output tokens per case in ${terminalSafe(estimate.fromRun ?? 'the past run', { oneLine: true })}; where it has none, max tokens (the worst case).`);
  else if (estimate.total.worstOutputTokens !== undefined) lines.push(`Expected output: max tokens${estimate.maxTokens !== undefined ? ` (${estimate.maxTokens.toLocaleString('en-US')})` : ''}, the worst case; give --from-run DIR to expect what a past run's answers were.`);
  else lines.push('Expected output: unknown (no --max-tokens, no --from-run DIR): the cost has no bound.');
  if (estimate.total.warmups > 0) lines.push(`Requests include ${estimate.total.warmups.toLocaleString('en-US')} warm-up request${estimate.total.warmups === 1 ? '' : 's'}; retries are not counted.`);
  else lines.push('Retries are not counted.');
  if (estimate.total.images > 0) lines.push(`${estimate.total.images.toLocaleString('en-US')} image${estimate.total.images === 1 ? ' is' : 's are'} not counted in the input tokens.`);
  if (estimate.total.inputLowerBound) lines.push('≥: a step embeds an earlier answer whose length is not known.');
  for (const reason of unknownReasons(estimate, { wide })) lines.push(`Unknown cost: ${reason}.`);
  return lines;
}
