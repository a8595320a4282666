import type { LanguageModelUsage, ProviderMetadata, TextStreamPart, ToolSet } from 'ai';
import type { ToolCallRecord } from '../records/attempt-record.ts';
import { secretMargin } from './redact-and-cut.ts';
import type { TransportTimes } from './timed-fetch.ts';

export type StreamMeasurement = {
  /**
   * The answer's text. Past `maxOutputCharacters` (then `error` is a ResponseTooLargeError) it
   * is cut after `secretMargin` more characters: the caller redacts it, then cuts it to `textLimit`.
   */
  output: string;
  /** Set when the answer was cut off: the characters of text it keeps (the limit, less its tool calls'). */
  textLimit?: number;
  /** Arrival time (transport clock) of the network chunk that carried the first non-empty text. */
  firstTextAt?: number;
  /** … of the first output of any kind: text, reasoning or tool input. */
  firstOutputAt?: number;
  /** Arrival times of the distinct network chunks that carried output. */
  contentTimes: number[];
  /**
   * Characters of output each of those chunks carried (text, reasoning, tool names and
   * arguments), index for index: how the answer's tokens are shared out among the chunks.
   */
  contentCharacters: number[];
  /** Reasoning text was streamed (not only counted in the usage). */
  reasoningStreamed?: true;
  usage?: LanguageModelUsage;
  finishReason?: string;
  /** The provider's own word for it (`error`, where the unified reason may say `other`). */
  rawFinishReason?: string;
  providerMetadata?: ProviderMetadata;
  toolCalls?: ToolCallRecord[];
  /** The SDK's warnings about the call (unsupported settings and the like), distinct, at most `maxWarnings`. */
  warnings?: string[];
  /** Warnings left out past `maxWarnings` (repeats of one counted each time). */
  warningsLeftOut?: number;
  /** Set when the stream failed; what came before it is kept. */
  error?: unknown;
};

/**
 * An answer longer than this (its text and its tool calls' names and arguments as JSON) is cut
 * off: a runaway or hostile stream must not exhaust memory.
 */
export const maxOutputCharacters = 8 * 1024 * 1024;
/** A hostile gateway can send any number of warnings. */
export const maxWarnings = 20;

/**
 * Reads the SDK's stream and stamps each piece of output with the arrival time of the network
 * chunk that carried it. The SDK parses a chunk in the microtasks that follow its delivery, so
 * the chunk delivered last is the one that carried the part in hand.
 */
export async function measureStream(
  stream: AsyncIterable<TextStreamPart<ToolSet>>,
  transport: TransportTimes,
): Promise<StreamMeasurement> {
  const measurement: StreamMeasurement = { output: '', contentTimes: [], contentCharacters: [] };
  /** Characters of tool calls (names and arguments as JSON), counted with the text against the limit. */
  let toolCharacters = 0;
  const overLimit = () => measurement.output.length + toolCharacters > maxOutputCharacters;
  const arrival = () => transport.deliveredChunkAt ?? performance.now();
  /** Tool calls whose input was streamed: their closing `tool-call` part carries nothing new. */
  const streamedToolInputs = new Set<string>();
  const markOutput = (characters: number) => {
    const at = arrival();
    measurement.firstOutputAt ??= at;
    if (measurement.contentTimes.at(-1) !== at) {
      measurement.contentTimes.push(at);
      measurement.contentCharacters.push(0);
    }
    measurement.contentCharacters[measurement.contentCharacters.length - 1]! += characters;
    return at;
  };
  try {
    for await (const part of stream) {
      switch (part.type) {
        case 'text-delta': {
          if (part.text.length === 0) break;
          const at = markOutput(part.text.length);
          measurement.firstTextAt ??= at;
          measurement.output += part.text;
          if (overLimit()) return cutOff(measurement, maxOutputCharacters - toolCharacters);
          break;
        }
        // Only a part that carries something is output: an empty reasoning delta (Anthropic's
        // signature at the end of its thinking) or argument delta is not, nor is the `tool-call`
        // that closes arguments already streamed, which can arrive with the finish, long after.
        case 'reasoning-delta':
          if (part.text.length === 0) break;
          measurement.reasoningStreamed = true;
          markOutput(part.text.length);
          break;
        case 'tool-input-start':
          streamedToolInputs.add(part.id);
          markOutput(part.toolName.length);
          break;
        case 'tool-input-delta':
          if (part.delta.length > 0) markOutput(part.delta.length);
          break;
        case 'tool-call': {
          const streamed = streamedToolInputs.has(part.toolCallId);
          // Arguments nested past reason are no answer (and would overflow the stack of whatever recurses into them).
          if (nestedDeeperThan(part.input, maxArgumentDepth)) {
            if (!streamed) markOutput(part.toolName.length);
            measurement.error = new ArgumentsTooDeepError(part.toolName);
            return measurement;
          }
          // A call that does not fit is left out whole: half an argument object is no argument.
          const characters = part.toolName.length + (JSON.stringify(part.input) ?? '').length;
          if (!streamed) markOutput(characters);
          toolCharacters += characters;
          if (overLimit()) return cutOff(measurement, maxOutputCharacters, { name: part.toolName, characters });
          (measurement.toolCalls ??= []).push({ name: part.toolName, arguments: part.input });
          break;
        }
        case 'start-step':
          for (const warning of part.warnings) addWarning(measurement, describeWarning(warning));
          break;
        case 'finish-step':
          if (part.providerMetadata) measurement.providerMetadata = part.providerMetadata;
          break;
        case 'finish':
          measurement.finishReason = part.finishReason;
          if (part.rawFinishReason !== undefined) measurement.rawFinishReason = part.rawFinishReason;
          measurement.usage = part.totalUsage;
          break;
        case 'error':
          measurement.error ??= part.error;
          break;
        case 'abort':
          measurement.error ??= new Error(part.reason ?? 'aborted');
          break;
        default:
          break;
      }
    }
  } catch (error) {
    measurement.error ??= error;
  }
  return measurement;
}

/** Stops reading at the limit, keeping `secretMargin` characters more of text for the caller's redaction. */
function cutOff(measurement: StreamMeasurement, textLimit: number, leftOutCall?: { name: string; characters: number }): StreamMeasurement {
  measurement.error = new ResponseTooLargeError(leftOutCall);
  measurement.textLimit = Math.max(0, Math.min(textLimit, measurement.output.length));
  measurement.output = measurement.output.slice(0, measurement.textLimit + secretMargin);
  return measurement;
}

function addWarning(measurement: StreamMeasurement, warning: string): void {
  const warnings = (measurement.warnings ??= []);
  if (warnings.includes(warning)) return;
  if (warnings.length < maxWarnings) warnings.push(warning);
  else measurement.warningsLeftOut = (measurement.warningsLeftOut ?? 0) + 1;
}

function describeWarning(warning: unknown): string {
  const fields = warning as { type?: string; feature?: string; setting?: string; message?: string; details?: string };
  return [fields.type, fields.feature ?? fields.setting, fields.message ?? fields.details].filter(Boolean).join(': ');
}

/** Tool arguments nested deeper than this are refused, as datasets' values are. */
export const maxArgumentDepth = 100;

/** Whether `value` has arrays or objects nested more than `limit` deep; iterative, so that any depth can be measured. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > limit) return true;
    for (const item of Object.values(current)) stack.push([item, depth + 1]);
  }
  return false;
}

export class ArgumentsTooDeepError extends Error {
  override readonly name = 'ArgumentsTooDeepError';
  constructor(toolName: string) {
    super(`tool call ${JSON.stringify(toolName.slice(0, 100))} has arguments nested more than ${maxArgumentDepth} levels deep: left out, and the answer with it`);
  }
}

export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  /** `leftOutCall`: the tool call that did not fit, left out whole (what came before it is kept). */
  constructor(leftOutCall?: { name: string; characters: number }) {
    const limit = `longer than ${maxOutputCharacters} characters (text and tool calls)`;
    super(
      leftOutCall
        ? `response ${limit}: tool call ${JSON.stringify(leftOutCall.name.slice(0, 100))} (${leftOutCall.characters} characters with its arguments) left out whole, over the ${maxOutputCharacters}-character limit; the output before it is kept`
        : `response ${limit}: cut off at ${maxOutputCharacters} characters`,
    );
  }
}
