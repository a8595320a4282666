import { canonicalText } from './normalize-text.ts';

export type TextMatchOptions = { ignoreCase?: boolean; wholeWord?: boolean };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regular expression that finds `value` in an answer. A space in `value` matches any run of
 * whitespace (models wrap lines); `wholeWord` needs no letter or digit on either side, so "4" is
 * not found in "14" and "cat" not in "category", while "C++" and "U.S." still work.
 */
export function textMatcher(value: string, options: TextMatchOptions): RegExp {
  const body = canonicalText(value).trim().split(/\s+/u).map(escapeRegExp).join('\\s+');
  const pattern = options.wholeWord ? `(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])` : body;
  return new RegExp(pattern, options.ignoreCase ? 'iu' : 'u');
}
