import { z } from 'zod';

/**
 * Why an attempt failed, as a stable machine-readable name:
 * - `quota`: out of quota, credit or spend limit; not retried, and it stops the target.
 * - `stream_error`: the stream failed or ended before its end event, so the answer is incomplete.
 * - `bad_response`: a response below 400 that was not the API's event stream (a proxy's HTML
 *   page, say).
 */
export const errorTypeSchema = z
  .enum(['rate_limited', 'timeout', 'server_error', 'auth', 'quota', 'bad_request', 'not_found', 'network', 'stream_error', 'bad_response', 'unknown'])
  .describe(
    'Why the attempt failed. quota: out of quota, credit or spend limit (not retried; stops the target). ' +
      'stream_error: the stream failed or ended before its end event. ' +
      "bad_response: a response below 400 that was not the API's event stream (a proxy's HTML page, say).",
  );
export type ErrorType = z.infer<typeof errorTypeSchema>;

export const attemptErrorSchema = z
  .object({
    type: errorTypeSchema,
    message: z.string().describe('What went wrong, redacted: it never contains an API key.'),
    httpStatus: z.number().int().optional().describe("The response's HTTP status, when there was one."),
    retryAfterMs: z.number().optional().describe('What the server asked us to wait before retrying, if it said.'),
  })
  .meta({ id: 'AttemptError', description: 'Why an attempt failed; present exactly when status is "error".' });
export type AttemptError = z.infer<typeof attemptErrorSchema>;
