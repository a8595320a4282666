import type { ModelMessage } from 'ai';

/** The text of a conversation's last user message: what the simulator matches a case by. */
export function lastUserText(messages: readonly ModelMessage[]): string {
  const last = messages.findLast((message) => message.role === 'user');
  if (last?.role !== 'user') return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}
