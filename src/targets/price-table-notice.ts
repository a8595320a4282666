import { shownPath as shownFrom } from './price-file-lines.ts';
import type { PriceTable } from './price-table.ts';

/** Prices older than this are worth a line before a run spends on them. */
export const priceTableMaxAgeDays = 30;

const dayMs = 86_400_000;

/**
 * One line when the table's prices (its `updated`, else its newest row's `as_of`) are more than
 * 30 days old, with the command that fetches current ones; undefined when they are fresh, or the
 * table carries no date (a test's bare Map, a hand-made file).
 */
export function priceTableNotice(table: PriceTable, nowMs: number): string | undefined {
  const origin = table.origin;
  if (!origin?.datedAt) return undefined;
  const days = Math.floor((nowMs - Date.parse(origin.datedAt)) / dayMs);
  if (!(days > priceTableMaxAgeDays)) return undefined;
  const which = origin.kind === 'shipped' ? 'The shipped price table' : `The price table ${shownPath(origin.path)}`;
  const fix = `${updateCommandFor(table)} fetches current ones from the AI Gateway${origin.kind === 'named' ? '' : ', and runs here use them'}`;
  return `${which} is ${days} days old (${origin.datedAt.slice(0, 10)}), and costs at list price come from it. ${fix}.`;
}

/** The command that brings this table up to date: a table named by --prices is written where it is. */
export function updateCommandFor(table: PriceTable): string {
  return table.origin?.kind === 'named' ? `\`llm-bench prices --update --out ${shownPath(table.origin.path)}\`` : '`llm-bench prices --update`';
}

const shownPath = (file: string) => shownFrom(file, process.cwd());
