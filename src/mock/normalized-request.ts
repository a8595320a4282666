/** What every protocol's request body boils down to, so answers and timing are protocol-blind. */
export type NormalizedMessage = {
  role: 'system' | 'user' | 'assistant' | 'tool';
  text: string;
  imageCount: number;
};

export type NormalizedRequest = {
  model: string;
  stream: boolean;
  messages: NormalizedMessage[];
  maxOutputTokens?: number;
  toolNames: string[];
  /** Chat Completions only: `stream_options.include_usage`. */
  includeUsage: boolean;
  /** Gateway only: `providerOptions.gateway.only` / `order`. */
  providerRouting?: { only?: string[]; order?: string[] };
};

export function lastUserText(request: NormalizedRequest): string {
  for (let index = request.messages.length - 1; index >= 0; index--) {
    const message = request.messages[index];
    if (message?.role === 'user') return message.text;
  }
  return '';
}

/** Text of a content field that is a string or a list of typed parts; images are only counted. */
export function flattenContent(content: unknown): { text: string; imageCount: number } {
  if (typeof content === 'string') return { text: content, imageCount: 0 };
  if (!Array.isArray(content)) return { text: '', imageCount: 0 };
  const texts: string[] = [];
  let imageCount = 0;
  for (const part of content) {
    if (typeof part !== 'object' || part === null) continue;
    const record = part as Record<string, unknown>;
    if (typeof record.text === 'string') texts.push(record.text);
    else if (isImagePart(record)) imageCount++;
  }
  return { text: texts.join('\n'), imageCount };
}

function isImagePart(part: Record<string, unknown>): boolean {
  const type = part.type;
  if (type === 'image_url' || type === 'input_image' || type === 'image') return true;
  return type === 'file' && typeof part.mediaType === 'string' && part.mediaType.startsWith('image/');
}
