import type { MockModelProfile, MockToolCall } from '../config/mock-profile-schema.ts';
import type { NormalizedRequest } from './normalized-request.ts';
import { countTokens, tokenize } from './tokens.ts';

/** What the simulated model decided to say, before it is cut to the token limit. */
export type Answer = {
  text: string;
  toolCall?: MockToolCall;
  /** Where it came from, for the ground truth: an echo is a case the simulator did not know. */
  kind?: AnswerKind;
};

export type AnswerKind = 'right' | 'wrong' | 'echo' | 'fixed' | 'book' | 'verdict';

/** One content-bearing write; `tokens` is how many output tokens it carries. */
export type ContentChunk =
  | { kind: 'text'; delta: string; tokens: number }
  | { kind: 'tool-arguments'; delta: string; tokens: number; first: boolean };

export type FinishReason = 'stop' | 'length' | 'tool-calls';

/** The exact output to stream: chunks, token counts and finish reason all agree. */
export type Generation = {
  text: string;
  toolCall?: { id: string; name: string; arguments: string };
  chunks: ContentChunk[];
  inputTokens: number;
  /** Of the input, the tokens the prompt cache served (0 when cold or off): see prompt-cache.ts. */
  cachedInputTokens: number;
  outputTokens: number;
  finishReason: FinishReason;
};

/** Per-message framing and per-image figures, roughly what OpenAI bills; only consistency matters. */
export const tokensPerMessage = 4;
export const tokensPerImage = 85;

export function countInputTokens(request: NormalizedRequest): number {
  let total = 0;
  for (const message of request.messages) {
    total += tokensPerMessage + countTokens(message.text) + message.imageCount * tokensPerImage;
  }
  return total;
}

export function buildGeneration(options: {
  answer: Answer;
  request: NormalizedRequest;
  profile: MockModelProfile;
  toolCallId: string;
  /** countInputTokens(request), when the caller counted it already (the prompt cache reads every token too). */
  inputTokens?: number;
}): Generation {
  const { answer, request, profile } = options;
  const limit = Math.min(request.maxOutputTokens ?? Infinity, profile.maxOutputTokens);
  const textTokens = tokenize(answer.text);
  const argumentsText = answer.toolCall ? serializeArguments(answer.toolCall.arguments) : '';
  const argumentTokens = answer.toolCall ? tokenize(argumentsText) : [];
  const total = textTokens.length + argumentTokens.length;
  const keptText = textTokens.slice(0, limit);
  const keptArguments = argumentTokens.slice(0, Math.max(0, limit - keptText.length));
  const perChunk = profile.tokensPerChunk;

  const chunks: ContentChunk[] = group(keptText, perChunk).map((piece) => ({ kind: 'text', ...piece }));
  const includeToolCall = answer.toolCall !== undefined && keptText.length < limit;
  if (includeToolCall) {
    const argumentChunks = group(keptArguments, perChunk);
    // A call without arguments still needs one chunk to announce it.
    if (argumentChunks.length === 0) argumentChunks.push({ delta: '', tokens: 0 });
    argumentChunks.forEach((piece, index) => {
      chunks.push({ kind: 'tool-arguments', ...piece, first: index === 0 });
    });
  }
  const finishReason: FinishReason = total > limit ? 'length' : answer.toolCall ? 'tool-calls' : 'stop';
  return {
    text: keptText.join(''),
    ...(includeToolCall && answer.toolCall
      ? { toolCall: { id: options.toolCallId, name: answer.toolCall.name, arguments: keptArguments.join('') } }
      : {}),
    chunks,
    inputTokens: options.inputTokens ?? countInputTokens(request),
    cachedInputTokens: 0,
    outputTokens: keptText.length + (includeToolCall ? keptArguments.length : 0),
    finishReason,
  };
}

function serializeArguments(value: MockToolCall['arguments']): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function group(tokens: string[], size: number): Array<{ delta: string; tokens: number }> {
  const groups: Array<{ delta: string; tokens: number }> = [];
  for (let index = 0; index < tokens.length; index += size) {
    const piece = tokens.slice(index, index + size);
    groups.push({ delta: piece.join(''), tokens: piece.length });
  }
  return groups;
}
