import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type HeaderProxy = { url: string; close(): Promise<void> };

/**
 * A pass-through HTTP proxy that adds request headers on the way to `upstream`: the way to give
 * the simulator a per-request knob (`x-mock-retry-after`, `x-mock-delay-ms`) that the CLI cannot
 * send. Responses stream through unchanged; an upstream that drops the connection drops the
 * client's too, and a client that gives up closes the upstream request.
 */
export async function startHeaderProxy(upstream: string, headers: Record<string, string>): Promise<HeaderProxy> {
  const target = new URL(upstream);
  const sockets = new Set<Socket>();
  const server = createServer((incoming, outgoing) => {
    const forwarded: IncomingHttpHeaders = { ...incoming.headers, ...headers, host: target.host };
    const upstreamRequest = request(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: forwarded },
      (upstreamResponse) => {
        outgoing.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        outgoing.flushHeaders();
        upstreamResponse.on('data', (chunk: Buffer) => outgoing.write(chunk));
        upstreamResponse.on('end', () => outgoing.end());
        upstreamResponse.on('aborted', () => outgoing.socket?.destroy());
        upstreamResponse.on('error', () => outgoing.socket?.destroy());
      },
    );
    upstreamRequest.on('error', () => outgoing.socket?.destroy());
    outgoing.on('close', () => upstreamRequest.destroy());
    incoming.pipe(upstreamRequest);
  });
  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
