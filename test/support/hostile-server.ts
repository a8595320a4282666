import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The streaming protocols llm-bench speaks, by the path each one posts to. */
export type HostileProtocol = 'chat-completions' | 'responses' | 'anthropic-messages' | 'gateway';

export type HostileRequest = { method: string; path: string; protocol: HostileProtocol | undefined; body: string };

/** One scripted reply: a status, headers, body pieces written one at a time, and how it ends. */
export type HostileReply = {
  status?: number;
  headers?: Record<string, string>;
  /** Each is written and flushed on its own (a network chunk of its own, as far as the client can tell). */
  body?: Array<string | Uint8Array>;
  /**
   * `end`: a clean close; `reset`: the connection is reset (RST) after the body; `truncated-chunk`:
   * half of a chunk of the chunked encoding is written, then the connection is closed cleanly;
   * `close`: the connection is closed cleanly where the body stands (short of a Content-Length, say);
   * `hold`: the connection is held open, the body unfinished, until the server closes.
   */
  ending?: 'end' | 'reset' | 'truncated-chunk' | 'close' | 'hold';
};

export type HostileServer = {
  url: string;
  requests: HostileRequest[];
  close(): Promise<void>;
};

/**
 * A 127.0.0.1 HTTP server whose every reply the test scripts: it answers each request with what
 * `respond` returns for it, however wrong that is for the protocol.
 */
export async function startHostileServer(respond: (request: HostileRequest) => HostileReply): Promise<HostileServer> {
  const requests: HostileRequest[] = [];
  const server = createServer((request, response) => {
    const pieces: Buffer[] = [];
    request.on('data', (piece: Buffer) => pieces.push(piece));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      const received = { method: request.method ?? 'GET', path, protocol: protocolOfPath(path), body: Buffer.concat(pieces).toString('utf8') };
      requests.push(received);
      void reply(request, response, respond(received));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function protocolOfPath(path: string): HostileProtocol | undefined {
  if (path.endsWith('/chat/completions')) return 'chat-completions';
  if (path.endsWith('/responses')) return 'responses';
  if (path.endsWith('/messages')) return 'anthropic-messages';
  if (path.endsWith('/language-model')) return 'gateway';
  return undefined;
}

async function reply(_request: IncomingMessage, response: ServerResponse, script: HostileReply): Promise<void> {
  response.writeHead(script.status ?? 200, { 'cache-control': 'no-cache', ...script.headers });
  response.flushHeaders();
  for (const piece of script.body ?? []) {
    await new Promise<void>((resolve) => response.write(piece, () => resolve()));
    // A pause, so that each piece reaches the client as a chunk of its own.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const socket = response.socket;
  switch (script.ending ?? 'end') {
    case 'end':
      response.end();
      break;
    case 'reset':
      socket?.resetAndDestroy();
      break;
    case 'truncated-chunk':
      // A chunk announced as 0x40 bytes, of which 5 arrive before a clean close.
      socket?.end('40\r\nhello');
      break;
    case 'close':
      socket?.end();
      break;
    case 'hold':
      break;
  }
}

/** `data: <json>` and the blank line that ends the event. */
export const sseData = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
const sseEvent = (event: string, value: unknown) => `event: ${event}\ndata: ${JSON.stringify(value)}\n\n`;

export const eventStreamHeaders = { 'content-type': 'text/event-stream; charset=utf-8' };

/** A well-formed stream of one protocol, in parts: the harness's tests cut it where they like. */
export type ProtocolStream = {
  opening: string[];
  /** One text event per piece of the answer. */
  text: string[];
  /** The events between the text and the end event. */
  beforeEnd: string[];
  /** The protocol's end event: `message_stop`, `response.completed`, the gateway's `finish`, the Chat Completions chunk with a finish_reason. */
  end: string;
  /** What may follow it: for Chat Completions the usage chunk and `data: [DONE]`. */
  afterEnd: string[];
};

export const allEvents = (stream: ProtocolStream) => [...stream.opening, ...stream.text, ...stream.beforeEnd, stream.end, ...stream.afterEnd];

/** A whole, well-formed stream of `protocol` that answers `pieces.join('')`. */
export function wholeStream(protocol: HostileProtocol, pieces: string[]): ProtocolStream {
  const text = pieces.join('');
  switch (protocol) {
    case 'chat-completions': {
      const chunk = (delta: object, finishReason: string | null = null) =>
        sseData({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finishReason }] });
      return {
        opening: [chunk({ role: 'assistant', content: '' })],
        text: pieces.map((piece) => chunk({ content: piece })),
        beforeEnd: [],
        end: chunk({}, 'stop'),
        afterEnd: [
          sseData({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } }),
          'data: [DONE]\n\n',
        ],
      };
    }
    case 'responses': {
      let sequence = 0;
      const event = (type: string, fields: object) => sseEvent(type, { type, sequence_number: sequence++, ...fields });
      const response = (status: string, output: unknown[]) => ({
        id: 'resp_1', object: 'response', created_at: 1, status, model: 'm', output, error: null, incomplete_details: null,
        usage: status === 'completed' ? { input_tokens: 5, input_tokens_details: { cached_tokens: 0 }, output_tokens: 3, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 8 } : null,
      });
      const item = (status: string, content: unknown[]) => ({ id: 'msg_1', type: 'message', status, role: 'assistant', content });
      const part = { type: 'output_text', text, annotations: [], logprobs: [] };
      return {
        opening: [
          event('response.created', { response: response('in_progress', []) }),
          event('response.output_item.added', { output_index: 0, item: item('in_progress', []) }),
          event('response.content_part.added', { item_id: 'msg_1', output_index: 0, content_index: 0, part: { ...part, text: '' } }),
        ],
        text: pieces.map((piece) => event('response.output_text.delta', { item_id: 'msg_1', output_index: 0, content_index: 0, delta: piece, logprobs: [] })),
        beforeEnd: [
          event('response.output_text.done', { item_id: 'msg_1', output_index: 0, content_index: 0, text, logprobs: [] }),
          event('response.output_item.done', { output_index: 0, item: item('completed', [part]) }),
        ],
        end: event('response.completed', { response: response('completed', [item('completed', [part])]) }),
        afterEnd: [],
      };
    }
    case 'anthropic-messages': {
      const usage = { input_tokens: 5, output_tokens: 1 };
      return {
        opening: [
          sseEvent('message_start', { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [], stop_reason: null, stop_sequence: null, usage } }),
          sseEvent('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
        ],
        text: pieces.map((piece) => sseEvent('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } })),
        beforeEnd: [
          sseEvent('content_block_stop', { type: 'content_block_stop', index: 0 }),
          sseEvent('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 3 } }),
        ],
        end: sseEvent('message_stop', { type: 'message_stop' }),
        afterEnd: [],
      };
    }
    case 'gateway':
      return {
        opening: [sseData({ type: 'stream-start', warnings: [] }), sseData({ type: 'response-metadata', id: 'gen_1', modelId: 'm' }), sseData({ type: 'text-start', id: 'text-0' })],
        text: pieces.map((piece) => sseData({ type: 'text-delta', id: 'text-0', delta: piece })),
        beforeEnd: [sseData({ type: 'text-end', id: 'text-0' })],
        end: sseData({
          type: 'finish',
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: { inputTokens: { total: 5, noCache: 5, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 3, text: 3, reasoning: 0 } },
        }),
        afterEnd: [],
      };
  }
}
