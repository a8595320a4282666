import type { AnswerKind } from './generation.ts';
import type { MockProtocolName } from './protocols/protocol.ts';

/** Ground truth for one request: what was asked, what was planned, and when each byte really left. */
export type MockRequestRecord = {
  id: string;
  protocol: MockProtocolName;
  /** The model id as the client sent it (for the gateway, `openai/gpt-4o-mini`). */
  model: string;
  /** The profile that answered (for the gateway, the routed provider's profile). */
  servedBy?: string;
  path: string;
  stream: boolean;
  fault?: string;
  /** 0 while no status line has been sent (and for `hang`). */
  status: number;
  /** `performance.timeOrigin + performance.now()` ms when the request (its headers) arrived. */
  arrivedAt: number;
  /**
   * A model with a `capacity`: when the request got its slot to generate (same clock); the time
   * to first token counts from here, so the client's TTFT includes `queueWaitMs`.
   */
  startedAt?: number;
  /** A model with a `capacity`: ms the request waited in the queue for a slot (startedAt − arrivedAt). */
  queueWaitMs?: number;
  headersAt?: number;
  /** When each content-bearing chunk was written (same clock). */
  chunkTimes: number[];
  /** When each chunk was due (same clock); chunkTimes[i] - plannedChunkTimes[i] is the slip. */
  plannedChunkTimes: number[];
  /** Output tokens of the chunks actually written: 0 for an error, fewer than planned for a cut stream. */
  outputTokens: number;
  inputTokens: number;
  /** The answer text actually written (tool call arguments are not included). */
  answer: string;
  /**
   * What the model chose to say: a known case's `right` or `wrong` answer, an `echo` of a prompt
   * it did not know, a `fixed` text, a `book` line or a judge's `verdict`.
   */
  answerKind?: AnswerKind;
};

export function copyRecord(record: MockRequestRecord): MockRequestRecord {
  return { ...record, chunkTimes: [...record.chunkTimes], plannedChunkTimes: [...record.plannedChunkTimes] };
}
