import type { FilePart, ModelMessage, UserModelMessage } from 'ai';
import type { LoadedImage } from './load-image.ts';

/**
 * Puts a case's images into its last user message, after its text, as AI SDK file parts: the
 * runner sends `messages` as they are, so a vision case needs nothing of it. Undefined when there
 * is no user message to attach them to.
 */
export function attachImages(messages: ModelMessage[], images: LoadedImage[]): ModelMessage[] | undefined {
  const index = messages.findLastIndex((message) => message.role === 'user');
  const last = messages[index] as UserModelMessage | undefined;
  if (last === undefined) return undefined;
  const content = typeof last.content === 'string' ? [{ type: 'text' as const, text: last.content }] : last.content;
  const files: FilePart[] = images.map((image) => ({ type: 'file', data: image.data, mediaType: image.mediaType }));
  return messages.with(index, { ...last, content: [...content, ...files] });
}
