import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRedirectFetch } from './no-redirect-fetch.ts';

describe('noRedirectFetch', () => {
  const seen: string[] = [];
  let url = '';
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url} ${request.headers['x-api-key'] ?? '-'}`);
    if (request.url === '/307') response.writeHead(307, { location: '/elsewhere?key=secret' }).end();
    else if (request.url === '/300') response.writeHead(300).end('choose');
    else response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses a redirect with an error saying where it pointed (no query), sending nothing there', async () => {
    const call = noRedirectFetch(`${url}/307`, { method: 'POST', headers: { 'x-api-key': 'k' }, body: '{}' });
    await expect(call).rejects.toThrow(new RegExp(`^307 redirect to ${url.replaceAll('.', '\\.')}/elsewhere\\?… not followed: the API does not redirect$`));
    await expect(noRedirectFetch(`${url}/300`)).rejects.toThrow(/^300 response \(a redirect status, with no Location\) is not the API's answer/);
    expect(seen.filter((line) => line.includes('/elsewhere'))).toEqual([]);
  });

  it('passes any other answer on as it came', async () => {
    const response = await noRedirectFetch(new Request(`${url}/ok`, { method: 'POST', body: '{}' }));
    expect(await response.json()).toEqual({ ok: true });
  });
});
