import { escapeHtml } from './escape-html.ts';
import { terminalSafe } from './terminal-safe.ts';

/** A zero-width space, as an entity: GitHub shows nothing, but no longer sees a mention, a reference or a link. */
const breaker = '&#8203;';

/**
 * Text from outside (a case id, a target label, a server's message) made inert in Markdown that
 * GitHub renders (a PR comment, the step summary): one line, HTML escaped (GitHub keeps some
 * tags), hidden characters shown as escapes, and every character Markdown acts on escaped with a
 * backslash, so a label cannot end a table cell, open a link or an image, start a heading, or
 * set math (`$`). GitHub links some plain text after Markdown is done, so a backslash cannot stop
 * it: an `@mention` (which would notify that user), an issue reference `#12` (which would add a
 * note to that issue), a bare URL or `www.` address and an e-mail address get a zero-width space
 * after their `@`, `#`, `:` or `www`, and stay plain text. An `@` inside a word that is not an
 * address (`gpt-4o-mini@azure`) is left alone: GitHub sees no mention there, and a label copied
 * from the page must still work on the command line.
 */
export function escapeMarkdown(text: string): string {
  const oneLine = terminalSafe(text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '), { oneLine: true });
  // Backslashes first, entities after: an entity's `#` escaped (`&\#39;`) would show as text.
  return escapeHtml(oneLine.replace(/[\\`*_{}[\]()#+\-.!|~:$]/g, '\\$&'))
    .replace(/(?<=^|\W)@|@(?=[\w\\-]+\\\.\w)/g, `@${breaker}`)
    .replace(/\\#(?=\d)/g, `\\#${breaker}`)
    .replace(/\\:(?=\/\/)/g, `\\:${breaker}`)
    .replace(/\b(www)\\\./gi, `$1${breaker}\\.`);
}
