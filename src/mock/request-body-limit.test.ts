import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { maxRequestBodyBytes } from './http-reply.ts';
import { startMockServer } from './start-mock-server.ts';

/** Sends headers declaring `declaredBytes`, then `sentBytes` of body, and reads the answer. */
function post(url: string, declaredBytes: number, sentBytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(declaredBytes) },
    });
    outgoing.on('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    // The server may close the connection before the body is all written: that is its answer.
    outgoing.on('error', (error) => (outgoing.destroyed ? undefined : reject(error)));
    outgoing.write(Buffer.alloc(sentBytes, 'x'));
  });
}

describe('request bodies', () => {
  it('a body declared larger than any provider takes is answered 413 without being read', async () => {
    const server = await startMockServer({});
    try {
      const answer = await post(server.url, maxRequestBodyBytes + 1, 1024);
      expect(answer.status).toBe(413);
      expect(answer.body).toContain('request_too_large');
      expect(server.requests()).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
