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
  /** Names of the function tools the request declares; a model can only call one of these. */
  toolNames: string[];
  toolChoice: ToolChoice;
  /** Chat Completions only: `stream_options.include_usage`. */
  includeUsage: boolean;
  /** Gateway only: `providerOptions.gateway.only` / `order`. */
  providerRouting?: { only?: string[]; order?: string[] };
};

/** Every protocol's tool choice, by its meaning (Anthropic's `any` is `required`). */
export type ToolChoice = { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; name: string };

/** A real API never calls a tool the request did not declare, nor any tool when told `none`. */
export function mayCallTool(request: NormalizedRequest, name: string): boolean {
  const choice = request.toolChoice;
  if (choice.type === 'none' || !request.toolNames.includes(name)) return false;
  return choice.type !== 'tool' || choice.name === name;
}

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
