import type { Score } from './score.ts';

/** Why an attempt failed, as a stable machine-readable name. */
export type ErrorType =
  | 'rate_limited'
  | 'timeout'
  | 'server_error'
  | 'auth'
  /** Out of quota, credit or spend limit: not retried; stops the target. */
  | 'quota'
  | 'bad_request'
  | 'not_found'
  | 'network'
  /** The stream failed or ended before its end event: the answer is incomplete. */
  | 'stream_error'
  /** A response below 400 that was not the API's event stream (a proxy's HTML page, say). */
  | 'bad_response'
  | 'unknown';

export type AttemptError = {
  type: ErrorType;
  /** Redacted: never contains an API key. */
  message: string;
  httpStatus?: number;
  /** What the server asked us to wait before retrying, if it said. */
  retryAfterMs?: number;
};

/** Milliseconds on the harness's monotonic clock, measured from the moment the request was sent. */
export type AttemptTiming = {
  /** To the first non-empty text. */
  ttftMs?: number;
  /** To the first output of any kind (text, reasoning or tool input). */
  firstOutputMs?: number;
  /** To the response headers. */
  headersMs?: number;
  /** To the end of the stream. */
  e2eMs?: number;
  /** output tokens / (e2e - ttft): the decode rate. */
  outputTps?: number;
  interChunkMeanMs?: number;
  interChunkP50Ms?: number;
  interChunkP99Ms?: number;
  /** Network chunks that carried output. */
  chunkCount?: number;
};

export type AttemptUsage = {
  inputTokens?: number;
  outputTokens?: number;
  cachedInputTokens?: number;
  reasoningTokens?: number;
  /** True when the provider sent no usage and the counts come from a local tokenizer. */
  estimated: boolean;
};

export type ToolCallRecord = { name: string; arguments: unknown };

/** What one call produced, wherever it sits in the plan. */
export type AttemptMeasurement = {
  /** Wall-clock ISO time the request was sent. */
  startedAt: string;
  timing: AttemptTiming;
  usage: AttemptUsage;
  /** Unknown cost is undefined, never 0. */
  costUsd?: number;
  costSource?: 'price-table' | 'gateway' | 'cache';
  finishReason?: string;
  /** The provider that actually served the call (gateway routing metadata). */
  servedBy?: string;
  /** The response's HTTP status, for answers too (a failure's is also in its error). */
  httpStatus?: number;
  output: string;
  toolCalls?: ToolCallRecord[];
  /** The SDK's warnings about the call, e.g. a setting the provider ignores. */
  warnings?: string[];
};

type AttemptBase = AttemptMeasurement & {
  caseId: string;
  /** The target's label (its spec). */
  target: string;
  /** Prompt variant label; `default` when the run has one. */
  prompt: string;
  /** 1-based. */
  repeat: number;
  /** 1-based; > 1 after a retry. */
  attempt: number;
  /** True for the last attempt of its (case, target, prompt, repeat) slot. */
  final: boolean;
  /** Answered from the response cache (--cache): no request was sent, so no timing. */
  cached?: true;
  /** Set for answered attempts whose case has assertions. */
  score?: Score;
};

export type AttemptRecord =
  | (AttemptBase & { status: 'ok' })
  | (AttemptBase & { status: 'error'; error: AttemptError });
