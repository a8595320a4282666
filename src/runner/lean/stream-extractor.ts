import { maxArgumentDepth, maxOutputCharacters, nestedDeeperThan } from '../measure-stream.ts';
import { secretMargin } from '../redact-and-cut.ts';
import type { Extraction, LeanStreamError, LeanUsage } from './lean-messages.ts';

/** Reads one protocol's events (their `data`, as text) into an Extraction. */
export type StreamExtractor = {
  extraction: Extraction;
  /** One event's data, and the arrival time of the network chunk that carried it. */
  onEvent(data: string, at: number): void;
  /** The body closed cleanly: the provider package's end-of-stream verdict (finish reason, usage). */
  finish(): void;
  /** Past the output limit, or arguments too deep: nothing more is read. */
  readonly stopped: boolean;
};

/**
 * What both protocols share: output stamped with its chunk's arrival (as measureStream stamps the
 * SDK's parts), the output limit, tool calls parsed as the AI SDK parses them.
 */
export function createExtractionState() {
  const extraction: Extraction = { output: '', contentTimes: [], contentCharacters: [] };
  let toolCharacters = 0;
  let stopped = false;
  const fail = (error: LeanStreamError) => {
    extraction.streamError ??= error;
  };
  const markOutput = (at: number, characters: number) => {
    extraction.firstOutputAt ??= at;
    if (extraction.contentTimes.at(-1) !== at) {
      extraction.contentTimes.push(at);
      extraction.contentCharacters.push(0);
    }
    extraction.contentCharacters[extraction.contentCharacters.length - 1]! += characters;
  };
  const overLimit = () => extraction.output.length + toolCharacters > maxOutputCharacters;
  const cutOff = (textLimit: number, leftOutCall?: { name: string; characters: number }) => {
    stopped = true;
    extraction.streamError = { kind: 'too-large', ...(leftOutCall ? { leftOutCall } : {}) };
    extraction.textLimit = Math.max(0, Math.min(textLimit, extraction.output.length));
    extraction.output = extraction.output.slice(0, extraction.textLimit + secretMargin);
  };
  return {
    extraction,
    fail,
    get stopped() {
      return stopped;
    },
    /** The provider package would read no further (it threw): nothing more counts, and there is no finish. */
    halt(error: LeanStreamError) {
      fail(error);
      stopped = true;
    },
    text(delta: string, at: number) {
      if (stopped || delta.length === 0) return;
      markOutput(at, delta.length);
      extraction.firstTextAt ??= at;
      extraction.output += delta;
      if (overLimit()) cutOff(maxOutputCharacters - toolCharacters);
    },
    reasoning(delta: string, at: number) {
      if (stopped || delta.length === 0) return;
      extraction.reasoningStreamed = true;
      markOutput(at, delta.length);
    },
    /** A tool call's name, or a piece of its arguments, as it streams. */
    toolInput(characters: number, at: number) {
      if (!stopped && characters > 0) markOutput(at, characters);
    },
    /** A whole tool call (its input already streamed, or not: then it is output now). */
    toolCall(name: string, argumentsText: string, at: number, streamed: boolean) {
      if (stopped) return;
      const input = parseArguments(argumentsText);
      if (nestedDeeperThan(input, maxArgumentDepth)) {
        if (!streamed) markOutput(at, name.length);
        stopped = true;
        fail({ kind: 'too-deep', toolName: name });
        return;
      }
      const characters = name.length + (JSON.stringify(input) ?? '').length;
      if (!streamed) markOutput(at, characters);
      toolCharacters += characters;
      if (overLimit()) return cutOff(maxOutputCharacters, { name, characters });
      (extraction.toolCalls ??= []).push({ name, arguments: input });
    },
    end(finishReason: string, rawFinishReason: string | undefined, usage: LeanUsage | undefined) {
      extraction.finishReason = finishReason;
      if (rawFinishReason !== undefined) extraction.rawFinishReason = rawFinishReason;
      if (usage !== undefined) extraction.usage = usage;
    },
  };
}

export type ExtractionState = ReturnType<typeof createExtractionState>;

/** As the AI SDK reads a tool call's arguments: empty is `{}`, JSON is parsed, anything else is kept as text. */
export function parseArguments(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The usage in the AI SDK's shape: OpenAI's cached and reasoning counts default to 0 when usage came, as the SDK's do. */
export function openAiUsage(input: unknown, output: unknown, cached: unknown, reasoning: unknown): LeanUsage {
  return {
    ...(input !== undefined && input !== null ? { inputTokens: input as number } : {}),
    ...(output !== undefined && output !== null ? { outputTokens: output as number } : {}),
    inputTokenDetails: { cacheReadTokens: (cached ?? 0) as number },
    outputTokenDetails: { reasoningTokens: (reasoning ?? 0) as number },
  };
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
