import stringWidth from 'string-width';
import { terminalSafe } from '../terminal-safe.ts';

// A lone surrogate or U+FFFE/U+FFFF cannot be written as XML or UTF-8: shown as the replacement character.
const unwritable = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * User or model text (a target label, a prompt label, an error type) as a chart shows it: on one
 * line, with each control, bidirectional or invisible character shown as an escape (`\x1B`,
 * `\u202E`), as the terminal shows it. The SVG serializer escapes `<`, `&` and quotes.
 */
export function chartText(text: string): string {
  return terminalSafe(text.replace(unwritable, '\uFFFD'), { oneLine: true });
}

/**
 * At most `columns` columns wide, as a terminal counts them (a CJK character or an emoji is two),
 * which tracks the width a chart's sans-serif text takes; cut between grapheme clusters, the
 * last column an ellipsis.
 */
export function shortText(text: string, columns: number): string {
  if (stringWidth(text) <= columns) return text;
  let kept = '';
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    width += stringWidth(segment);
    if (width > columns - 1) break;
    kept += segment;
  }
  return `${kept}…`;
}

/**
 * At most `columns` columns wide, cut in the middle: the start and the end stay, so labels that
 * share a long start (`…-via-gateway-eu-west`, `…-us-east`) still read apart.
 */
export function middleText(text: string, columns: number): string {
  if (stringWidth(text) <= columns) return text;
  const segments = [...graphemes.segment(text)].map(({ segment }) => segment);
  const budget = Math.max(0, columns - 1);
  const head = keptWidth(segments, Math.ceil(budget / 2));
  // The end gets what the start could not use (a wide character that did not fit).
  const tail = keptWidth(segments.slice(head.length).reverse(), budget - stringWidth(head.join(''))).reverse();
  return `${head.join('')}…${tail.join('')}`;
}

function keptWidth(segments: readonly string[], columns: number): string[] {
  const kept: string[] = [];
  let width = 0;
  for (const segment of segments) {
    width += stringWidth(segment);
    if (width > columns) break;
    kept.push(segment);
  }
  return kept;
}
