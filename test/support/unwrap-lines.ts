/**
 * The CLI's output with its wrapped lines of prose joined again: a line continued under a hanging
 * indent (a newline, then two or more spaces) is one line, so a test can match a gate line, a
 * STOPPED line or a notice whole, whatever width it was wrapped to. (Lines the CLI indents of its
 * own, a report path under "Reports in", are joined to the line above too.)
 */
export function unwrapLines(text: string): string {
  return text.replace(/\n {2,}/g, ' ');
}
