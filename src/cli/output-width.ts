/** The widest table the CLI prints unless told (`--wide`): wider, a table is hard to read and wraps in many terminals. */
export const maximumWidth = 100;

/**
 * How wide the tables printed on `stream` may be: the terminal's width when it is one, at most
 * 100 columns; 100 when the output goes to a file or a pipe; no limit with `--wide`.
 */
export function outputWidth(stream: { isTTY?: boolean; columns?: number }, wide = false): number {
  if (wide) return Infinity;
  const columns = stream.isTTY ? stream.columns : undefined;
  return columns !== undefined && columns > 0 ? Math.min(columns, maximumWidth) : maximumWidth;
}
