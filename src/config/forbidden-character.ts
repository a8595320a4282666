/**
 * C0 control characters other than tab, line feed and carriage return: what a JSON parser refuses
 * raw in a string, and what no prompt means (a NUL, an ESC that drives a terminal). Refused in
 * every format, raw or escaped, so a case is accepted or refused the same way whatever its file.
 */
const forbiddenPattern = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const controlNames = [
  'NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'TAB', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI',
  'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US',
];

export const allowedControls = 'only tab, line feed and carriage return are allowed in text';

/**
 * The first character `text` may not hold: its index, and what to say about it (`where`, such as
 * `at column 7`, goes after the character's name).
 */
export function findForbiddenCharacter(text: string): { index: number; message(where?: string): string } | undefined {
  const match = forbiddenPattern.exec(text);
  if (match === null) return undefined;
  const code = match[0].charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return {
    index: match.index,
    message: (where) =>
      code < 0x20
        ? `control character ${hex} (${controlNames[code]})${where ? ` ${where}` : ''}: ${allowedControls}`
        : `unpaired surrogate ${hex}${where ? ` ${where}` : ''}: not valid Unicode text`,
  };
}
