export type TextNormalization = {
  ignoreCase?: boolean;
  trim?: boolean;
  collapseWhitespace?: boolean;
  ignorePunctuation?: boolean;
};

/**
 * What an answer says, as a reader sees it: invisible format characters (Unicode Cf: zero-width
 * space and joiners, soft hyphen, direction marks, BOM) removed, so "pass\u200Bword" is the
 * password it shows, then NFKC, so a full-width "４" or a ligature is what it looks like.
 */
export function canonicalText(text: string): string {
  return text.replace(/\p{Cf}/gu, '').normalize('NFKC');
}

/**
 * Canonical form for comparisons: canonicalText always, so a full-width "４" or a ligature compares equal
 * to what it looks like. Punctuation is removed before whitespace is collapsed, so "Paris ." and
 * "Paris" agree once both options are on.
 */
export function normalizeText(text: string, options: TextNormalization): string {
  let result = canonicalText(text);
  if (options.ignorePunctuation) result = result.replace(/\p{P}+/gu, ' ');
  if (options.collapseWhitespace || options.ignorePunctuation) result = result.replace(/\s+/gu, ' ');
  if (options.trim || options.ignorePunctuation) result = result.trim();
  if (options.ignoreCase) result = result.toLocaleLowerCase('en-US');
  return result;
}

/** A short quotation of an answer for reasons; answers can be pages long. */
export function quote(text: string, length = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > length ? `${oneLine.slice(0, length)}…` : oneLine);
}
