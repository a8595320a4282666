import { APICallError, JSONParseError } from 'ai';
import { describe, expect, it } from 'vitest';
import { classifyError } from './classify-error.ts';
import type { TransportTimes } from './timed-fetch.ts';

const afterHeaders: TransportTimes = { sentAt: 0, headersAt: 5, status: 200, chunkTimes: [6] };

describe('classifyError', () => {
  it('types an invalid SSE event as stream_error, whatever words the quoted event holds', () => {
    for (const text of ['{"choices":[{"delta":{"content":"unterminated', '{"content":"ECONNRESET socket terminated"']) {
      const error = new JSONParseError({ text, cause: new SyntaxError('Unterminated string in JSON at position 42') });
      expect(classifyError(error, afterHeaders).type).toBe('stream_error');
    }
  });

  it('types a socket closed mid-stream as network (retryable)', () => {
    const error = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET', name: 'SocketError' }) });
    expect(classifyError(error, afterHeaders).type).toBe('network');
    expect(classifyError(new Error('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) }), { chunkTimes: [] }).type).toBe('network');
  });

  it('types by HTTP status, and a quota message as quota', () => {
    const apiError = (statusCode: number, responseBody = '') =>
      new APICallError({ message: 'failed', url: 'http://127.0.0.1/v1', requestBodyValues: {}, statusCode, responseBody });
    expect(classifyError(apiError(429), { chunkTimes: [] }).type).toBe('rate_limited');
    expect(classifyError(apiError(529), { chunkTimes: [] }).type).toBe('server_error');
    expect(classifyError(apiError(401), { chunkTimes: [] }).type).toBe('auth');
    expect(classifyError(apiError(429, '{"error":{"code":"insufficient_quota"}}'), { chunkTimes: [] }).type).toBe('quota');
  });
});
