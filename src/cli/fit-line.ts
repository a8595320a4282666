import { wrapToWidth } from '../reports/display-width.ts';
import { outputWidth } from './output-width.ts';

/**
 * How wide the CLI's lines of prose may be on `stream` (the notices, gate and STOPPED lines, report
 * paths): as the tables, the terminal's width at most 100 columns, 100 to a file or a pipe; with
 * `--wide`, the terminal's own width when it is one, else no limit.
 */
export function lineWidth(stream: { isTTY?: boolean; columns?: number }, wide = false): number {
  if (!wide) return outputWidth(stream);
  return stream.isTTY && stream.columns !== undefined && stream.columns > 0 ? stream.columns : Infinity;
}

export type FitLineOptions = {
  /**
   * A word wider than a line (a path, a command to copy) is kept whole on a line of its own rather
   * than broken: a cut path cannot be pasted. Off for text that may quote a server's message.
   */
  keepWords?: boolean;
};

/**
 * Each line of `text` wrapped to `width` columns at spaces, its later lines indented two columns
 * past the line's own indentation (a hanging indent, so a wrapped line reads as one item).
 */
export function fitLine(text: string, width: number, options: FitLineOptions = {}): string {
  if (width === Infinity) return text;
  return text
    .split('\n')
    .flatMap((line) => {
      if (line === '') return [line];
      const indent = `${/^ */.exec(line)![0]}  `;
      return wrapToWidth(line, width, { indent, ...(options.keepWords ? { keepWords: true } : {}) });
    })
    .join('\n');
}
