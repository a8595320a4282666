/**
 * A cell a spreadsheet would evaluate: a formula sign after any run of spaces or invisible
 * characters (Excel skips them), or a tab or line break at the start. Full-width signs are
 * included because some spreadsheet locales convert them to formulas too.
 */
const formulaStart = /^[ \u00A0\u200B-\u200D\u2060\uFEFF]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Makes model output (which may be hostile: `=HYPERLINK(...)`) inert in a spreadsheet by
 * prefixing a single quote, the OWASP advice for CSV injection. Only for text columns: a number
 * written by us, negative or not, stays a number.
 */
export function neutralizeFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}
