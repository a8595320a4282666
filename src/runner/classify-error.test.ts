import { APICallError, JSONParseError, StreamProviderError } from 'ai';
import { describe, expect, it } from 'vitest';
import { classifyError, isRetryable } from './classify-error.ts';
import type { TransportTimes } from './timed-fetch.ts';

const afterHeaders: TransportTimes = { sentAt: 0, headersAt: 5, status: 200, chunkTimes: [6] };

describe('classifyError', () => {
  it('types an invalid SSE event as stream_error, whatever words the quoted event holds', () => {
    for (const text of ['{"choices":[{"delta":{"content":"unterminated', '{"content":"ECONNRESET socket terminated"']) {
      const error = new JSONParseError({ text, cause: new SyntaxError('Unterminated string in JSON at position 42') });
      expect(classifyError(error, afterHeaders).type).toBe('stream_error');
    }
  });

  it("quotes a cause's message once: not again when the error's own message already holds it", () => {
    const refused = new Error('Cannot connect to API: bad port', { cause: new Error('bad port') });
    expect(classifyError(refused, { chunkTimes: [] }).message).toBe('Cannot connect to API: bad port');
    const wrapped = new Error('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    expect(classifyError(wrapped, { chunkTimes: [] }).message).toBe('fetch failed: connect ECONNREFUSED 127.0.0.1:1');
  });

  it('types a socket closed mid-stream as network (retryable)', () => {
    const error = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET', name: 'SocketError' }) });
    expect(classifyError(error, afterHeaders).type).toBe('network');
    expect(classifyError(new Error('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) }), { chunkTimes: [] }).type).toBe('network');
  });

  it('types a closed socket as network even when a provider package wrapped it in an error with a 5xx status', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const wrapped = Object.assign(new Error('Gateway request failed', { cause: reset }), { name: 'GatewayResponseError', statusCode: 500 });
    expect(classifyError(wrapped, { chunkTimes: [] }).type).toBe('network');
    expect(classifyError(wrapped, afterHeaders).type).toBe('network');
    // A real 5xx response stays a server error.
    expect(classifyError(wrapped, { ...afterHeaders, status: 502 }).type).toBe('server_error');
  });

  it('types an error event inside a 200 stream by what the provider said', () => {
    const streamError = (type: string, data: Record<string, unknown>) => new StreamProviderError({ message: String(data['message'] ?? type), type, data });
    expect(classifyError(streamError('server_error', { type: 'server_error', message: 'The server had an error' }), afterHeaders).type).toBe('server_error');
    expect(classifyError(streamError('rate_limit_exceeded', { code: 'rate_limit_exceeded' }), afterHeaders).type).toBe('rate_limited');
    expect(classifyError(streamError('insufficient_quota', { code: 'insufficient_quota', message: 'You exceeded your current quota' }), afterHeaders).type).toBe('quota');
    expect(classifyError(streamError('invalid_prompt', { type: 'invalid_prompt' }), afterHeaders).type).toBe('stream_error');
  });

  it('retries 429, 5xx, network failures, a server\'s 408/504 and a response that was not the API\'s, not our own timeouts or bad requests', () => {
    expect(isRetryable({ type: 'server_error', message: '' })).toBe(true);
    // Most often a proxy's 502 page sent with a 200.
    expect(isRetryable({ type: 'bad_response', message: '', httpStatus: 200 })).toBe(true);
    expect(isRetryable({ type: 'timeout', message: '', httpStatus: 504 })).toBe(true);
    expect(isRetryable({ type: 'timeout', message: 'stalled', httpStatus: 200 })).toBe(false);
    expect(isRetryable({ type: 'timeout', message: 'no complete answer' })).toBe(false);
    expect(isRetryable({ type: 'bad_request', message: '', httpStatus: 400 })).toBe(false);
    expect(isRetryable({ type: 'stream_error', message: '' })).toBe(false);
  });

  it('types by HTTP status, and a quota message as quota', () => {
    const apiError = (statusCode: number, responseBody = '') =>
      new APICallError({ message: 'failed', url: 'http://127.0.0.1/v1', requestBodyValues: {}, statusCode, responseBody });
    expect(classifyError(apiError(429), { chunkTimes: [] }).type).toBe('rate_limited');
    expect(classifyError(apiError(529), { chunkTimes: [] }).type).toBe('server_error');
    expect(classifyError(apiError(401), { chunkTimes: [] }).type).toBe('auth');
    expect(classifyError(apiError(429, '{"error":{"code":"insufficient_quota"}}'), { chunkTimes: [] }).type).toBe('quota');
    // OpenAI's inactive billing (a 429 that no wait can fix) and Anthropic's usage limit (a 400).
    expect(classifyError(apiError(429, '{"error":{"message":"Your account is not active, please check your billing details on our website.","code":"billing_not_active"}}'), { chunkTimes: [] }).type).toBe('quota');
    expect(classifyError(apiError(400, '{"type":"error","error":{"type":"invalid_request_error","message":"You have reached your specified API usage limits. You will regain access on 2026-12-01 at 00:00 UTC."}}'), { chunkTimes: [] }).type).toBe('quota');
  });
});
