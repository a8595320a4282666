import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The columns a line takes, measured as cli-table3 measures its cells (with the string-width it
 * depends on): a table sized with it is exactly as wide as planned, whatever a label holds (wide
 * CJK, emoji, combining marks). The project's own string-width may be a later major version that
 * counts some characters differently.
 */
const tableWidth = createRequire(fileURLToPath(import.meta.resolve('cli-table3')))('string-width') as (text: string) => number;

/** The widest line of `text`, in terminal columns. */
export function displayWidth(text: string): number {
  return text.split('\n').reduce((widest, line) => Math.max(widest, tableWidth(line)), 0);
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const ellipsis = '…';

/**
 * One line cut to `width` columns in its middle, so both ends stay readable (`openai/gpt…@azure`):
 * labels differ as often in their route or suffix as in their start. Cut between graphemes, so no
 * emoji or accented letter is split; `keep` (a suffix such as ` (simulated)`) is never cut while
 * the rest has room.
 */
export function shortenMiddle(text: string, width: number, keep = ''): string {
  if (displayWidth(text + keep) <= width) return text + keep;
  if (keep !== '' && displayWidth(keep) + 3 <= width) return shortenMiddle(text, width - displayWidth(keep)) + keep;
  if (width <= 0) return '';
  const parts = [...graphemes.segment(text + keep)].map((part) => ({ text: part.segment, width: tableWidth(part.segment) }));
  let room = width - 1;
  const head: string[] = [];
  const tail: string[] = [];
  let start = 0;
  let end = parts.length - 1;
  // Alternately from the front and the back, the front first, while the next grapheme fits.
  for (let front = true; start <= end; front = !front) {
    const part = front ? parts[start]! : parts[end]!;
    if (part.width > room) break;
    room -= part.width;
    if (front) head.push(parts[start++]!.text);
    else tail.unshift(parts[end--]!.text);
  }
  return `${head.join('')}${ellipsis}${tail.join('')}`;
}

/**
 * `text` as lines of at most `width` columns, broken at spaces; a word wider than a line is broken
 * between graphemes, or with `keepWords` kept whole on a line of its own (a path a user copies).
 * Later lines start with `indent`. With `maxLines`, the last kept line ends in `…` when text was
 * left out.
 */
export function wrapToWidth(text: string, width: number, options: { indent?: string; maxLines?: number; keepWords?: boolean } = {}): string[] {
  const indent = options.indent ?? '';
  const lines: string[] = [];
  // The first line's own indentation stays.
  const lead = /^ */.exec(text)![0];
  let line = lead;
  text = text.slice(lead.length);
  const room = () => width - (lines.length === 0 ? 0 : displayWidth(indent));
  const push = () => {
    lines.push(lines.length === 0 ? line : `${indent}${line}`);
    line = '';
  };
  for (const word of text.split(' ')) {
    const joined = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
    if (displayWidth(joined) <= room()) {
      line = joined;
      continue;
    }
    if (line.trim() !== '') push();
    if (options.keepWords) {
      line += word;
      continue;
    }
    // A word longer than a whole line: as many graphemes as fit, line after line.
    for (const { segment } of graphemes.segment(word)) {
      if (line.trim() !== '' && displayWidth(line + segment) > room()) push();
      line += segment;
    }
  }
  if (line.trim() !== '' || lines.length === 0) push();
  const { maxLines } = options;
  if (maxLines === undefined || lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${cutToWidth(last, width - 1)}${ellipsis}`;
  return kept;
}

/** The longest start of `text` that fits `width` columns, cut between graphemes. */
function cutToWidth(text: string, width: number): string {
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (displayWidth(kept + segment) > width) break;
    kept += segment;
  }
  return kept;
}
