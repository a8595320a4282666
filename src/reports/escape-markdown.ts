import { escapeHtml } from './escape-html.ts';

/**
 * Text from outside (a case id, a target label, a server's message) made inert in Markdown that
 * GitHub renders (a PR comment, the step summary): one line, HTML escaped (GitHub keeps some
 * tags), hidden characters shown as escapes, and every character Markdown acts on escaped with a
 * backslash, so a label cannot end a table cell, open a link, or start a heading.
 */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')).replace(/[\\`*_{}[\]()#+\-.!|~>:]/g, '\\$&');
}
