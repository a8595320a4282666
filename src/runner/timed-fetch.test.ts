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
});
