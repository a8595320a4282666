/**
 * A cell a spreadsheet would evaluate: a formula sign after any run of spaces (every Unicode
 * space separator) or invisible format characters (zero-width, direction marks, soft hyphen:
 * Excel skips them), or a tab or line break at the start. Full-width signs are
 * included because some spreadsheet locales convert them to formulas too.
 */
const formulaStart = /^[\p{Zs}\p{Cf}]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/u;

/**
 * Makes model output (which may be hostile: `=HYPERLINK(...)`) inert in a spreadsheet by
 * prefixing a single quote, the OWASP advice for CSV injection. Only for text columns: a number
 * written by us, negative or not, stays a number.
 */
export function neutralizeFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}
