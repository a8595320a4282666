import { z } from 'zod';

const milliseconds = (description: string) => z.number().optional().describe(description);

/** Milliseconds on the harness's monotonic clock, measured from the moment the request was sent. */
export const attemptTimingSchema = z
  .object({
    ttftMs: milliseconds('To the first non-empty text.'),
    firstOutputMs: milliseconds('To the first output of any kind (text, reasoning or tool input).'),
    headersMs: milliseconds('To the response headers.'),
    e2eMs: milliseconds('To the end of the stream.'),
    outputTps: z
      .number()
      .optional()
      .describe(
        "Output tokens per second of this one stream while the model was producing output (the decode rate): the tokens after the first chunk that carried output, over the time from that chunk to the last one that did. Absent for an answer in one chunk. Per request, not a server's total throughput.",
      ),
    tpotMs: milliseconds('Per output token after the first: (e2e − first output) / (output tokens − 1), as vLLM (TPOT) and AIPerf (inter-token latency) define it. Absent when fewer than 2 tokens or the count is unknown.'),
    interChunkMeanMs: milliseconds('Mean gap between network chunks that carried output.'),
    interChunkP50Ms: milliseconds('Median gap between network chunks that carried output.'),
    interChunkP99Ms: milliseconds('99th percentile of the gaps between network chunks that carried output.'),
    chunkCount: z.number().int().optional().describe('Network chunks that carried output.'),
    tokensPerChunk: z.number().optional().describe('Output tokens per network chunk that carried output (output tokens / chunkCount): how many tokens one inter-chunk gap (ITL per chunk) spans.'),
    ttftFromScheduledMs: milliseconds('Open loop: TTFT counted from the scheduled time rather than the send, so a request the harness or a concurrency cap held back counts its wait (what a user behind the load would feel).'),
    e2eFromScheduledMs: milliseconds('Open loop: the end of the stream, counted from the scheduled time.'),
  })
  .meta({
    id: 'AttemptTiming',
    description: "Milliseconds on the harness's monotonic clock, from the moment the request was sent. A figure that was not measured is absent, never 0.",
  });
export type AttemptTiming = z.infer<typeof attemptTimingSchema>;

const tokens = (description: string) => z.number().optional().describe(description);

export const attemptUsageSchema = z
  .object({
    inputTokens: tokens('Prompt tokens.'),
    outputTokens: tokens('Generated tokens, reasoning included.'),
    cachedInputTokens: tokens('Prompt tokens the provider served from its prompt cache.'),
    reasoningTokens: tokens('Reasoning tokens, as the provider counts them.'),
    estimated: z.boolean().describe('True when the provider sent no usage and the counts come from a local tokenizer.'),
  })
  .meta({ id: 'AttemptUsage', description: 'Token counts of the answer. An unknown count is absent, never 0.' });
export type AttemptUsage = z.infer<typeof attemptUsageSchema>;

export const toolCallRecordSchema = z
  .object({
    name: z.string(),
    // The AI SDK parses an empty argument string to {} and keeps an unparsable one as its text, so
    // a tool call always has arguments.
    arguments: z.unknown().describe("The call's arguments: parsed JSON, or the model's text when it did not parse."),
  })
  .meta({ id: 'ToolCall', description: 'A tool the model called.' });
export type ToolCallRecord = z.infer<typeof toolCallRecordSchema>;

export const attemptScheduleSchema = z
  .object({
    scheduledMs: z.number().describe("When the request was due, in ms from the start of the run's arrival schedule."),
    placedMs: z.number().optional().describe('When this attempt got its place under the concurrency caps (--concurrency, --target-concurrency), on the same clock: placedMs − scheduledMs is the caps\' wait, sentMs − placedMs the harness\'s own time to put it on the wire (connecting included).'),
    sentMs: z.number().optional().describe('When it was sent, on the same clock; absent when nothing was sent.'),
    dispatchDelayMs: z.number().optional().describe('sentMs − scheduledMs: how long the harness or a concurrency cap held it back.'),
  })
  .meta({ id: 'AttemptSchedule', description: "The request's place in the arrival schedule. Open loop (--rate): fixed before the run from --seed; closed loop: the moment the slot got its place to send. Retries keep their slot's scheduled time." });
export type AttemptSchedule = z.infer<typeof attemptScheduleSchema>;

/** What one call produced, wherever it sits in the plan. */
export const attemptMeasurementSchema = z.object({
  startedAt: z.string().describe('Wall-clock ISO time the request was sent.'),
  schedule: attemptScheduleSchema.optional().describe('Absent in records of older runs; an answer from the cache has its scheduled time only.'),
  timing: attemptTimingSchema,
  usage: attemptUsageSchema,
  costUsd: z.number().optional().describe("The answer's cost in US dollars. Unknown cost is absent, never 0."),
  costSource: z.enum(['price-table', 'gateway', 'cache']).optional().describe('Where costUsd comes from.'),
  finishReason: z.string().optional().describe('Why the model stopped, as the provider said.'),
  servedBy: z.string().optional().describe('The provider that actually served the call (gateway routing metadata).'),
  generationId: z.string().optional().describe("The AI Gateway's id of the generation (gen_…), for getGenerationInfo and the gateway's own logs."),
  fallbacks: z.array(z.string()).optional().describe('AI Gateway: the providers (or fallback models) tried and failed before the one that served, in order, from the routing metadata.'),
  credentialType: z.enum(['byok', 'system']).optional().describe("AI Gateway: whose credentials served the call: the user's own (byok) or the gateway's (system)."),
  listCostUsd: z.number().optional().describe("The cost by the price table's list prices, kept beside the gateway-reported one (costUsd is the gateway's when it reported one)."),
  gatewayCostUsd: z.number().optional().describe('The cost the AI Gateway reported for the call.'),
  cacheBusted: z.literal(true).optional().describe('--cache-bust: the prompt began with a per-request nonce, so no provider prompt cache could serve it.'),
  httpStatus: z.number().int().optional().describe("The response's HTTP status, for answers too (a failure's is also in its error)."),
  output: z.string().describe("The answer's text (redacted, and cut at the output limit)."),
  toolCalls: z.array(toolCallRecordSchema).optional().describe('Tools the model called, in order.'),
  warnings: z.array(z.string()).optional().describe("The harness's and the SDK's warnings about the call, e.g. a setting the provider ignores."),
});
export type AttemptMeasurement = z.infer<typeof attemptMeasurementSchema>;
