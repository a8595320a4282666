import { updateCommandFor } from './price-table-notice.ts';
import path from 'node:path';
import type { PriceRow } from '../config/price-table-schema.ts';
import type { SkippedModel } from './gateway-prices.ts';
import type { PriceTable } from './price-table.ts';
import { priceTableNotice } from './price-table-notice.ts';

const dayMs = 86_400_000;

/** A path as the user would type it from `cwd`. */
export function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** `2026-11-01, 36 days ago` (a date from a file, as a user reads its age). */
export function ageText(datedAt: string | undefined, nowMs: number): string {
  if (datedAt === undefined) return 'undated (no `updated:` and no row dated)';
  const days = Math.floor((nowMs - Date.parse(datedAt)) / dayMs);
  const when = days <= 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
  return `${datedAt.replace(/T00:00:00\.000Z$/, '').replace(/\.\d{3}Z$/, 'Z')}, ${when}`;
}

const kindText = { named: 'named with --prices', local: 'fetched by `llm-bench prices --update`', shipped: 'shipped with llm-bench' } as const;

/** What `llm-bench prices` prints: which table a run here uses, how old it is, and its rows. */
export function priceTableLines(table: PriceTable, { nowMs, cwd }: { nowMs: number; cwd: string }): string[] {
  const origin = table.origin;
  const lines: string[] = [];
  if (origin) {
    lines.push(`Price table: ${shownPath(origin.path, cwd)} (${kindText[origin.kind]})`);
    lines.push(`Dated: ${ageText(origin.datedAt, nowMs)}${origin.source ? `; from ${origin.source}` : ''}`);
    if (origin.olderLocal) {
      lines.push(`Not used: ${shownPath(origin.olderLocal.path, cwd)} (${ageText(origin.olderLocal.datedAt, nowMs)}), older than the shipped table`);
    }
    lines.push('');
  }
  lines.push(...rowLines([...table.values()]));
  lines.push(`${table.size} ${table.size === 1 ? 'model' : 'models'}; USD per million tokens.`);
  const notice = priceTableNotice(table, nowMs);
  if (notice) lines.push('', notice);
  return lines;
}

const number = (value: number | undefined) => (value === undefined ? '' : String(value));

/** The rows as aligned columns: model, input, output, cached input, as of. */
export function rowLines(rows: readonly PriceRow[]): string[] {
  const cells = [['model', 'input', 'output', 'cached input', 'as of'], ...rows.map((row) => [row.model, number(row.input), number(row.output), number(row.cached_input), row.as_of])];
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)));
  // Model and date to the left, prices to the right, as numbers are read.
  return cells.map((line) => line.map((cell, column) => (column === 0 || column === 4 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd());
}

/** What `prices --update` prints once the file is written. */
export function updateLines(result: { file: string; source: string; updated: string; rows: number; skipped: readonly SkippedModel[]; otherKinds: number; usedByRuns: boolean }, cwd: string): string[] {
  const file = shownPath(result.file, cwd);
  const lines = [`Wrote ${result.rows} ${result.rows === 1 ? "model's prices" : "models' prices"} to ${file} (from ${result.source}, ${result.updated}).`];
  if (result.skipped.length > 0) {
    lines.push(`Skipped ${result.skipped.length} ${result.skipped.length === 1 ? 'model' : 'models'} without a usable price (not written, so a run leaves their cost empty):`);
    for (const { model, reason } of result.skipped) lines.push(`  ${model}: ${reason}`);
  }
  if (result.otherKinds > 0) lines.push(`Left out ${result.otherKinds} image, embedding, speech and other models that are not priced per token of text.`);
  lines.push(result.usedByRuns ? 'Runs in this folder use it when no --prices is given (`llm-bench prices` shows the table in use).' : `Use it in a run with --prices ${file}.`);
  return lines;
}

/** What `prices --check` prints: the table's models whose price the gateway lists differently, or not at all. */
export function checkLines(table: PriceTable, fetched: readonly PriceRow[], source: string): { lines: string[]; differs: boolean } {
  const listed = new Map(fetched.map((row) => [row.model, row]));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const row of table.values()) {
    const current = listed.get(row.model);
    if (!current) {
      missing.push(row.model);
      continue;
    }
    const fields = (['input', 'output', 'cached_input'] as const).filter((field) => row[field] !== current[field]);
    if (fields.length > 0) changed.push(`  ${row.model}: ${fields.map((field) => `${field} ${number(row[field]) || '(none)'} -> ${number(current[field]) || '(none)'}`).join(', ')}`);
  }
  const added = fetched.filter((row) => !table.has(row.model)).length;
  const lines = [
    changed.length === 0 ? `Every price in the table matches ${source}.` : `${changed.length} of the table's ${table.size} models ${changed.length === 1 ? 'has' : 'have'} another price at ${source}:`,
    ...changed,
    ...(missing.length > 0 ? [`In the table, not in the gateway's list: ${missing.join(', ')}`] : []),
    ...(added > 0 ? [`${added} more priced ${added === 1 ? 'model is' : 'models are'} in the list and not in the table.`] : []),
    ...(changed.length > 0 ? [`Fetch them with ${updateCommandFor(table)}.`] : []),
  ];
  return { lines, differs: changed.length > 0 };
}
