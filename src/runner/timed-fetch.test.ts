import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimedFetch, createTransportTimes } from './timed-fetch.ts';

describe('createTimedFetch', () => {
  let server: Server;
  let url: string;
  const arrivals: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      arrivals.push(performance.now());
      req.resume();
      req.on('end', () => res.end('{"ok":true}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('starts the clock at the request\'s first write to its socket, after fetch was called and before the server saw it', async () => {
    for (let request = 0; request < 3; request++) {
      const times = createTransportTimes();
      const response = await createTimedFetch(times)(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ request }) });
      expect(await response.json()).toEqual({ ok: true });
      // Not undici's announcement of the headers, which comes before fetch has written anything.
      expect(times.sentBy).toBe('socket');
      expect(times.sentAt).toBeGreaterThanOrEqual(times.fetchCalledAt!);
      // The two threads' clocks meet through the wall clock: a few microseconds of rounding.
      expect(times.sentAt!).toBeLessThan(arrivals.at(-1)! + 0.05);
    }
  });

  it('falls back to the fetch call when nothing was sent', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const times = createTransportTimes();
    await expect(createTimedFetch(times)(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' })).rejects.toThrow();
    expect(times.sentBy).toBe('fetch');
    expect(times.sentAt).toBe(times.fetchCalledAt);
  });

  it('hands the reader a body over 64 MiB up to 64 MiB exactly, then the error that says so', async () => {
    const big = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const block = Buffer.alloc(3 * 2 ** 20 + 7, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 70 * 2 ** 20 && !response.destroyed) {
          sent += block.length;
          if (!response.write(block)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    try {
      const response = await createTimedFetch(createTransportTimes())(`http://127.0.0.1:${(big.address() as AddressInfo).port}/v1/chat/completions`, { method: 'POST', body: '{}' });
      let received = 0;
      const reader = response.body!.getReader();
      const failure = await (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return undefined;
          received += value.byteLength;
        }
      })().catch((error: Error) => error);
      expect(received).toBe(64 * 2 ** 20);
      expect(failure?.message).toBe(`response body larger than 64 MiB: cut off at ${64 * 2 ** 20} bytes`);
    } finally {
      big.closeAllConnections();
      await new Promise((resolve) => big.close(resolve));
    }
  });

  it('follows the body of a response below 400 to a known protocol path as its event stream, and no other', async () => {
    const times = createTransportTimes();
    const response = await createTimedFetch(times)(url, { method: 'POST', body: '{}' });
    await response.text();
    // The server answered {"ok":true}: not a Chat Completions event stream.
    expect(times.stream).toMatchObject({ status: 200, bytes: 11, protocolEvents: 0, ending: 'closed' });
    const elsewhere = createTransportTimes();
    await (await createTimedFetch(elsewhere)(url.replace('/v1/chat/completions', '/v1/models'))).text();
    expect(elsewhere.stream).toBeUndefined();
  });
});
