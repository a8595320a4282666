/**
 * What a spreadsheet may skip before a formula sign, or show as nothing: every Unicode space,
 * line and paragraph separator (U+00A0, U+2028, U+3000…), every control character (VT, FF, NEL,
 * C1), every format character (zero-width space, joiners, direction marks, soft hyphen, BOM),
 * the other characters Unicode says to show as nothing (Hangul fillers, variation selectors) and
 * the blank Braille pattern.
 */
const skippable = String.raw`[\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]`;

/**
 * The signs that start a formula, and tab, CR and LF (OWASP), with the full-width and small forms
 * (and the minus sign) that some spreadsheet locales read as the ASCII ones.
 */
const trigger = String.raw`[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63\uFE66\uFE6B\u2212]`;

const formulaStart = new RegExp(`^${skippable}*${trigger}`, 'u');

/**
 * Makes model output (which may be hostile: `=HYPERLINK(...)`) inert in a spreadsheet by
 * prefixing a single quote, the OWASP advice for CSV injection. Only for text columns: a number
 * written by us, negative or not, stays a number.
 */
export function neutralizeFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}
