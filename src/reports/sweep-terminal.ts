import { displayWidth, shortenMiddle, wrapToWidth } from './display-width.ts';
import { shownCell, shownSweepColumns, type SweepColumn } from './sweep-columns.ts';
import type { SweepCurve } from './sweep-curve.ts';
import { maxRateLine, sweepHeadline, sweepNotes } from './sweep-text.ts';
import { terminalSafe } from './terminal-safe.ts';

/** Columns let go, in this order, until the table fits the terminal. */
const dropOrder = ['output_tokens_per_s', 'goodput_rps', 'errors', 'ttft_p50_ms', 'achieved_rps'];
const labelColumns = 32;

/**
 * The curve as the terminal shows it: a headline, the table within `width` columns (Infinity for
 * --wide, which also shows e2e and requests), the max-rate answer, and the notes. Labels are made
 * inert (terminalSafe) and cut in their middle.
 */
export function renderSweepTable(curve: SweepCurve, { width = 100 }: { width?: number } = {}): string {
  const wide = width === Infinity;
  let columns = shownSweepColumns(curve, { wide });
  const cell = (column: SweepColumn, row: SweepCurve['rows'][number]) => {
    const text = terminalSafe(shownCell(column, row), { oneLine: true });
    return column.csv === 'target' && !wide ? shortenMiddle(text, labelColumns) : text;
  };
  let lines = table(columns, curve, cell);
  for (const name of dropOrder) {
    if (lines.every((line) => displayWidth(line) <= width)) break;
    columns = columns.filter((column) => column.csv !== name);
    lines = table(columns, curve, cell);
  }
  const wrap = (text: string) => (wide ? [text] : wrapToWidth(text, width));
  const best = maxRateLine(curve);
  return [...wrap(sweepHeadline(curve)), '', ...lines, ...(best ? ['', ...wrap(best)] : []), '', ...sweepNotes(curve).map((note) => terminalSafe(note, { oneLine: true })).flatMap(wrap)].join('\n');
}

function table(columns: readonly SweepColumn[], curve: SweepCurve, cell: (column: SweepColumn, row: SweepCurve['rows'][number]) => string): string[] {
  const cells = curve.rows.map((row) => columns.map((column) => cell(column, row)));
  const headings = columns.map((column) => column.heading!);
  const widths = columns.map((_, index) => Math.max(displayWidth(headings[index]!), ...cells.map((row) => displayWidth(row[index]!))));
  const pad = (text: string, index: number) => {
    const room = ' '.repeat(widths[index]! - displayWidth(text));
    // Text to the left, figures to the right.
    return columns[index]!.csv === 'target' ? text + room : room + text;
  };
  const line = (row: readonly string[]) => row.map(pad).join('  ').trimEnd();
  return [line(headings), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)];
}
