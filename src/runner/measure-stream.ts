import type { LanguageModelUsage, ProviderMetadata, TextStreamPart, ToolSet } from 'ai';
import type { ToolCallRecord } from './attempt-record.ts';
import type { TransportTimes } from './timed-fetch.ts';

export type StreamMeasurement = {
  output: string;
  /** Arrival time (transport clock) of the network chunk that carried the first non-empty text. */
  firstTextAt?: number;
  /** … of the first output of any kind: text, reasoning or tool input. */
  firstOutputAt?: number;
  /** Arrival times of the distinct network chunks that carried output. */
  contentTimes: number[];
  /** Reasoning text was streamed (not only counted in the usage). */
  reasoningStreamed?: true;
  usage?: LanguageModelUsage;
  finishReason?: string;
  providerMetadata?: ProviderMetadata;
  toolCalls?: ToolCallRecord[];
  /** The SDK's warnings about the call (unsupported settings and the like). */
  warnings?: string[];
  /** Set when the stream failed; what came before it is kept. */
  error?: unknown;
};

/**
 * Reads the SDK's stream and stamps each piece of output with the arrival time of the network
 * chunk that carried it. The SDK parses a chunk in the microtasks that follow its delivery, so
 * the chunk delivered last is the one that carried the part in hand.
 */
/** An answer longer than this is cut off: a runaway or hostile stream must not exhaust memory. */
export const maxOutputCharacters = 8 * 1024 * 1024;

export async function measureStream(
  stream: AsyncIterable<TextStreamPart<ToolSet>>,
  transport: TransportTimes,
): Promise<StreamMeasurement> {
  const measurement: StreamMeasurement = { output: '', contentTimes: [] };
  const arrival = () => transport.deliveredChunkAt ?? performance.now();
  const markOutput = () => {
    const at = arrival();
    measurement.firstOutputAt ??= at;
    if (measurement.contentTimes.at(-1) !== at) measurement.contentTimes.push(at);
    return at;
  };
  try {
    for await (const part of stream) {
      switch (part.type) {
        case 'text-delta':
          if (part.text.length === 0) break;
          measurement.firstTextAt ??= markOutput();
          markOutput();
          measurement.output += part.text;
          if (measurement.output.length > maxOutputCharacters) {
            measurement.error = new ResponseTooLargeError();
            return measurement;
          }
          break;
        case 'reasoning-delta':
          if (part.text.length > 0) measurement.reasoningStreamed = true;
          markOutput();
          break;
        case 'tool-input-start':
        case 'tool-input-delta':
          markOutput();
          break;
        case 'tool-call':
          markOutput();
          (measurement.toolCalls ??= []).push({ name: part.toolName, arguments: part.input });
          break;
        case 'start-step':
          for (const warning of part.warnings) (measurement.warnings ??= []).push(describeWarning(warning));
          break;
        case 'finish-step':
          if (part.providerMetadata) measurement.providerMetadata = part.providerMetadata;
          break;
        case 'finish':
          measurement.finishReason = part.finishReason;
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

function describeWarning(warning: unknown): string {
  const fields = warning as { type?: string; feature?: string; setting?: string; message?: string; details?: string };
  return [fields.type, fields.feature ?? fields.setting, fields.message ?? fields.details].filter(Boolean).join(': ');
}

export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  constructor() {
    super(`response longer than ${maxOutputCharacters} characters: cut off`);
  }
}
