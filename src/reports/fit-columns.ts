import Table from 'cli-table3';
import { displayWidth, shortenMiddle } from './display-width.ts';

/** A figure column of a terminal table: its heading (may be two lines) and one cell per row. */
export type FittedColumn = {
  heading: string;
  cells: readonly string[];
  /**
   * Kept first, in the order given: such a column is shown while the labels can be shortened to
   * make room for it. The others are shown only where the labels keep their whole width.
   */
  essential?: boolean;
  /** Among columns alike in `essential`, the lower rank is taken first (default: the order given). */
  rank?: number;
  /**
   * Shown at every width (the pass rate): the labels give up all the room it needs. Without it,
   * a narrow terminal would show a table of names and no figure at all.
   */
  always?: boolean;
  /** Figures are right-aligned; text (a prompt's label) is not. */
  align?: 'left' | 'right';
};

/** The label column: each row's label, and a suffix that a shortened label keeps whole. */
export type LabelColumn = { heading: string; labels: readonly string[]; suffixes?: readonly string[] };

/**
 * An essential figure takes a label's room down to this many columns (suffix included): shorter,
 * a label no longer tells targets apart, and the other figures go first.
 */
const labelMinimum = 12;
/** A column's padding, one space each side, and the border on its right. */
const columnCost = 3;

export type FittedTable = { text: string; hidden: string[] };

/**
 * A cli-table3 table of labels and figures that is at most `width` columns wide. The label column
 * comes first; figure columns are taken by rank (`always` ones first, then essential ones, then
 * the rest) until one does not fit, and shown in their own order. An essential column takes the
 * labels' room (they are shortened in the middle, down to 12 columns) before it is left out; an
 * `always` column is shown however narrow the width; the others are shown only where the labels
 * keep their whole width. `hidden` names the columns left out, by their headings on one line.
 * With `width` Infinity every column is shown and no label is shortened.
 */
export function fitColumns(label: LabelColumn, columns: readonly FittedColumn[], width: number): FittedTable {
  const suffixes = label.suffixes ?? label.labels.map(() => '');
  const naturalLabel = displayWidth([label.heading, ...label.labels.map((text, index) => text + suffixes[index]!)].join('\n'));
  const widthOf = (column: FittedColumn) => displayWidth([column.heading, ...column.cells].join('\n')) + columnCost;
  // The table's left border, then the label column.
  const used = (labelWidth: number, chosen: readonly FittedColumn[]) => 1 + labelWidth + columnCost + chosen.reduce((sum, column) => sum + widthOf(column), 0);
  const shortLabel = Math.min(naturalLabel, labelMinimum);
  const ranked = columns.map((column, index) => ({ column, rank: column.rank ?? index })).sort((a, b) => a.rank - b.rank).map(({ column }) => column);
  const chosen: FittedColumn[] = ranked.filter((column) => column.always);
  const rest = ranked.filter((column) => !column.always);
  // In rank order, up to the first that does not fit: a figure is never shown while a more
  // important one is left out.
  for (const column of [...rest.filter((candidate) => candidate.essential), ...rest.filter((candidate) => !candidate.essential)]) {
    if (used(column.essential ? shortLabel : naturalLabel, [...chosen, column]) > width) break;
    chosen.push(column);
  }
  const shown = columns.filter((column) => chosen.includes(column));
  const labelWidth = Math.max(1, Math.min(naturalLabel, width - used(0, shown)));
  const labels = label.labels.map((text, index) => shortenMiddle(text, labelWidth, suffixes[index]));
  const table = new Table({
    head: [shortenMiddle(label.heading, labelWidth), ...shown.map((column) => column.heading)],
    colAligns: ['left', ...shown.map((column) => column.align ?? 'right')],
    // The widths as measured, so cli-table3 cuts nothing and adds nothing.
    colWidths: [labelWidth + 2, ...shown.map((column) => widthOf(column) - 1)],
    style: { head: [], border: [] },
  });
  for (const [row, text] of labels.entries()) table.push([text, ...shown.map((column) => column.cells[row]!)]);
  const hidden = columns.filter((column) => !chosen.includes(column)).map((column) => column.heading.replaceAll('\n', ' '));
  return { text: table.toString(), hidden };
}
