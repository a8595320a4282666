import type { IncomingMessage, ServerResponse } from 'node:http';
import { now } from './clock.ts';
import type { ErrorReply } from './protocols/protocol.ts';

type Status = { status: number; headersAt?: number };

export function sendJson(
  res: ServerResponse,
  record: Status | undefined,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
  if (record) {
    record.status = status;
    record.headersAt = now();
  }
}

export function sendError(
  res: ServerResponse,
  record: Status | undefined,
  reply: ErrorReply,
  headers: Record<string, string> = {},
): void {
  sendJson(res, record, reply.status, JSON.stringify(reply.body), headers);
}

/** What a proxy in front of the provider sends when the upstream is gone: not JSON at all. */
export function sendHtmlBadGateway(res: ServerResponse, record: Status): void {
  res.writeHead(502, { 'content-type': 'text/html' });
  res.end(
    '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
  );
  record.status = 502;
  record.headersAt = now();
}

export function untilClosed(res: ServerResponse): Promise<void> {
  if (res.destroyed || res.writableFinished) return Promise.resolve();
  return new Promise((resolve) => res.once('close', () => resolve()));
}

/** Larger than any request a provider takes (OpenAI's and Anthropic's limits are 32–100 MB). */
export const maxRequestBodyBytes = 100 * 1024 * 1024;

/** A request body over `maxRequestBodyBytes`: answered 413, never held in memory. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (declared > maxRequestBodyBytes) throw new BodyTooLargeError(`request body of ${declared} bytes, over the ${maxRequestBodyBytes} the simulator takes`);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > maxRequestBodyBytes) throw new BodyTooLargeError(`request body over the ${maxRequestBodyBytes} bytes the simulator takes`);
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}
