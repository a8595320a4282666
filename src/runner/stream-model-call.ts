import {
  experimental_streamLanguageModelCall as streamLanguageModelCall,
  NoOutputGeneratedError,
  streamText,
  type LanguageModel,
  type LanguageModelUsage,
  type TextStreamPart,
  type ToolSet,
} from 'ai';
import type { streamTextOptions } from './stream-text-options.ts';

type Part = TextStreamPart<ToolSet>;
export type ModelCallOptions = ReturnType<typeof streamTextOptions> & { model: LanguageModel; abortSignal: AbortSignal };

/**
 * The parts `streamText(options).fullStream` yields for one attempt, for `measureStream`. A case
 * without tools or a schema (most evals) is sent by the SDK's own single model call
 * (`streamLanguageModelCall`, which streamText runs for each of its steps: the same prompt
 * conversion, the same provider call and the same parts), without streamText's layers above it:
 * step bookkeeping, retries, tool execution, replay and the stitching of steps, a web stream each,
 * per chunk. This function plays the part of those layers for one step, as streamText does with
 * one step, no retries and no tools: `start-step` with the call's warnings before the first part
 * that follows them, `finish-step` and `finish` with the call's reason, usage and metadata at the
 * end, and the error streamText reports for a stream that ended with nothing. Anything else (tools,
 * a schema, settings streamText would refuse) goes through streamText itself.
 */
export function streamModelCall(options: ModelCallOptions): AsyncIterable<Part> {
  if (!directCallFits(options)) return streamText({ ...options, onError: () => {} }).fullStream;
  return oneStep(options);
}

/** Cases the direct call sends exactly as streamText does. */
function directCallFits(options: ModelCallOptions): boolean {
  const { maxOutputTokens } = options;
  const tools = (options as { tools?: ToolSet }).tools;
  return (
    (tools === undefined || Object.keys(tools).length === 0) &&
    (options as { toolChoice?: unknown }).toolChoice === undefined &&
    (options as { output?: unknown }).output === undefined &&
    // streamText refuses these with an error of its own.
    (maxOutputTokens === undefined || (Number.isInteger(maxOutputTokens) && maxOutputTokens >= 1))
  );
}

async function* oneStep(options: ModelCallOptions): AsyncGenerator<Part> {
  const { model, instructions, messages, allowSystemInMessages, abortSignal, providerOptions, maxOutputTokens, temperature } = options as ModelCallOptions & {
    instructions?: Parameters<typeof streamText>[0]['instructions'];
    providerOptions?: Parameters<typeof streamText>[0]['providerOptions'];
    maxOutputTokens?: number;
    temperature?: number;
  };
  let call: Awaited<ReturnType<typeof streamLanguageModelCall>>;
  try {
    call = await streamLanguageModelCall({
      model,
      ...(instructions !== undefined ? { instructions } : {}),
      messages,
      allowSystemInMessages,
      abortSignal,
      ...(providerOptions !== undefined ? { providerOptions } : {}),
      includeRawChunks: false,
      toolsContext: {},
      // What the call's content was is kept only for its end callbacks (none here) and a tool
      // choice it broke (no tools here): not collected, chunk by chunk.
      _internal: { collectContent: false },
      // streamText's call settings, every key present as it passes them.
      maxOutputTokens,
      temperature,
      topP: undefined,
      topK: undefined,
      presencePenalty: undefined,
      frequencyPenalty: undefined,
      stopSequences: undefined,
      seed: undefined,
      reasoning: undefined,
    } as Parameters<typeof streamLanguageModelCall>[0]);
  } catch (error) {
    // streamText reports a call that failed before streaming (an HTTP error, say) as its only part.
    yield { type: 'error', error } as Part;
    return;
  }
  let warnings: unknown[] | undefined;
  let started = false;
  let terminal = false;
  let output = false;
  let finishReason: string = 'other';
  let rawFinishReason: string | undefined;
  let usage: LanguageModelUsage = nullUsage();
  let providerMetadata: unknown;
  for await (const chunk of call.stream as AsyncIterable<{ type: string } & Record<string, unknown>>) {
    if (chunk.type === 'model-call-start') {
      warnings = chunk.warnings as unknown[];
      continue;
    }
    if (!started) {
      started = true;
      yield { type: 'start-step', warnings: warnings ?? [] } as unknown as Part;
    }
    if (isOutput(chunk)) output = true;
    switch (chunk.type) {
      case 'model-call-end':
        terminal = true;
        usage = chunk.usage as LanguageModelUsage;
        finishReason = chunk.finishReason as string;
        rawFinishReason = chunk.rawFinishReason as string | undefined;
        providerMetadata = chunk.providerMetadata;
        break;
      case 'error':
        terminal = true;
        finishReason = 'error';
        yield chunk as unknown as Part;
        break;
      case 'text-delta':
        if ((chunk.text as string).length > 0 || chunk.providerMetadata != null) yield chunk as unknown as Part;
        break;
      case 'model-call-response-metadata':
      case 'raw':
        break;
      default:
        yield chunk as unknown as Part;
    }
  }
  if (!terminal && !output) {
    yield { type: 'error', error: new NoOutputGeneratedError({ message: 'No output generated. The model stream ended without a finish chunk.' }) } as Part;
    return;
  }
  yield { type: 'finish-step', finishReason, rawFinishReason, usage, providerMetadata } as unknown as Part;
  yield { type: 'finish', finishReason, rawFinishReason, totalUsage: withNullUsage(usage) } as unknown as Part;
}

/** streamText's test of a part that is output (its `hasReceivedOutputChunk`). */
function isOutput(chunk: { type: string } & Record<string, unknown>): boolean {
  switch (chunk.type) {
    case 'text-delta':
    case 'reasoning-delta':
      return (chunk.text as string).length > 0;
    case 'tool-input-delta':
      return (chunk.delta as string).length > 0;
    case 'file':
    case 'reasoning-file':
    case 'tool-call':
      return true;
    default:
      return false;
  }
}

function nullUsage(): LanguageModelUsage {
  return {
    inputTokens: undefined,
    inputTokenDetails: { noCacheTokens: undefined, cacheReadTokens: undefined, cacheWriteTokens: undefined },
    outputTokens: undefined,
    outputTokenDetails: { textTokens: undefined, reasoningTokens: undefined },
    totalTokens: undefined,
    raw: undefined,
  } as LanguageModelUsage;
}

/** streamText's total for one step: the SDK's `addLanguageModelUsage(null usage, step usage)`. */
function withNullUsage(usage: LanguageModelUsage): LanguageModelUsage {
  const add = (count: number | undefined) => (count == null ? undefined : count);
  const raw = (usage as { raw?: unknown }).raw;
  return {
    inputTokens: add(usage.inputTokens),
    inputTokenDetails: {
      noCacheTokens: add(usage.inputTokenDetails?.noCacheTokens),
      cacheReadTokens: add(usage.inputTokenDetails?.cacheReadTokens),
      cacheWriteTokens: add(usage.inputTokenDetails?.cacheWriteTokens),
    },
    outputTokens: add(usage.outputTokens),
    outputTokenDetails: {
      textTokens: add(usage.outputTokenDetails?.textTokens),
      reasoningTokens: add(usage.outputTokenDetails?.reasoningTokens),
    },
    totalTokens: add(usage.totalTokens),
    ...(raw == null ? {} : { raw }),
  } as LanguageModelUsage;
}
