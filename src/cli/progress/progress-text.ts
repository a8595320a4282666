/** Text both progress renderers share: what they say, and how they measure and cut it. */
import stringWidth from 'string-width';
import { terminalSafe } from '../../reports/terminal-safe.ts';
import type { ProgressSnapshot } from './progress-state.ts';

/** After Ctrl-C, instead of a rate and an ETA for requests that will never be sent. */
export const stoppingText = 'stopping: waiting for requests in flight';

/** Labels without their provider (`openai/`, `anthropic:`), when they stay apart without it. */
export function shortLabels(labels: readonly string[]): string[] {
  const short = labels.map((label) => label.replace(/^[^/:@\s]+[/:](?=.)/u, ''));
  return new Set(short).size === new Set(labels).size ? short : [...labels];
}

export function percentDone(snapshot: ProgressSnapshot): string {
  if (snapshot.total === 0) return '0%';
  // Floored: 100% only once every slot is done.
  return `${Math.floor((100 * snapshot.done) / snapshot.total)}%`;
}

/** A label or an error type from outside: one line, inert. */
export function safe(text: string): string {
  return terminalSafe(text, { oneLine: true });
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** At most `width` columns, a cut one ending in `…`. */
export function truncate(text: string, width: number): string {
  if (cellWidth(text) <= width) return text;
  return `${fitGraphemes([...graphemes.segment(text)].map(({ segment }) => segment), width - 1).join('')}…`;
}

/** At most `width` columns, a cut one keeping its start and its end around `…`. */
export function truncateMiddle(text: string, width: number): string {
  if (cellWidth(text) <= width) return text;
  const room = width - 1;
  if (printableAscii.test(text)) return `${text.slice(0, Math.ceil(room / 2))}…${text.slice(text.length - Math.floor(room / 2))}`;
  const all = [...graphemes.segment(text)].map(({ segment }) => segment);
  const head = fitGraphemes(all, Math.ceil(room / 2));
  const tail = fitGraphemes(all.toReversed(), room - widthOfTexts(head)).toReversed();
  return `${head.join('')}…${tail.join('')}`;
}

/** The first graphemes that fit in `width` columns. */
function fitGraphemes(all: readonly string[], width: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const grapheme of all) {
    const next = cellWidth(grapheme);
    if (used + next > width) break;
    kept.push(grapheme);
    used += next;
  }
  return kept;
}

function widthOfTexts(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + cellWidth(text), 0);
}

/** Printable ASCII is one column a character; other text is measured once and remembered a while. */
const printableAscii = /^[\x20-\x7E]*$/;
const measured = new Map<string, number>();
export function cellWidth(text: string): number {
  if (printableAscii.test(text)) return text.length;
  let width = measured.get(text);
  if (width === undefined) {
    if (measured.size >= 1_000) measured.clear();
    width = stringWidth(text);
    measured.set(text, width);
  }
  return width;
}
