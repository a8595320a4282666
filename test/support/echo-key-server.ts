import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A hostile server that speaks Chat Completions, Responses and Anthropic Messages and echoes the
 * caller's key back. The case's prompt picks the move:
 * - `escaped`: an answer, then a malformed event with the key written as `\u` escapes;
 * - `split-stall`: the first 13 characters of the key, then nothing (a stall);
 * - `split-malformed`: the first 13 characters in one event, the rest in a malformed one;
 * - `split-whole`: the key split across two events, then a stall;
 * - `formula`: an answer that starts with a vertical tab and `=1+1`;
 * - anything else: 401 with terminal escapes (OSC 52, OSC 8, ESC[2J, CSI as C1, a bidi override).
 * Stalled responses are held open until the client goes away.
 */
export type EchoKeyServer = { url: string; close(): Promise<void> };

export const terminalAttack =
  '\x1B]52;c;cm0gLXJmIH4=\x07 \x1B]8;;https://evil.example\x1B\\click\x1B]8;;\x1B\\ \x1B[2J\x1B[H \u009B31m \u202Etxt.exe \x07 \u2028llm-bench: run completed OK\u2029 ' +
  [...'[hidden]'].map((character) => String.fromCodePoint(0xe0000 + character.charCodeAt(0))).join('');

export async function startEchoKeyServer(): Promise<EchoKeyServer> {
  const open = new Set<ServerResponse>();
  const server: Server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const key = keyOf(request);
    const protocol = request.url?.endsWith('/messages') ? 'anthropic' : request.url?.endsWith('/responses') ? 'responses' : 'chat';
    const move = ['split-malformed', 'split-stall', 'split-whole', 'escaped', 'disguised', 'formula'].find((name) => body.includes(`move ${name}`));
    if (!move) {
      const message = `Incorrect API key provided: ${key}.${terminalAttack}`;
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(
        protocol === 'anthropic'
          ? JSON.stringify({ type: 'error', error: { type: 'authentication_error', message } })
          : JSON.stringify({ error: { message, type: 'invalid_request_error', code: 'invalid_api_key' } }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    open.add(response);
    response.on('close', () => open.delete(response));
    response.write(opening(protocol));
    const delta = (text: string) => response.write(textDelta(protocol, text));
    switch (move) {
      case 'escaped':
        delta('Your key is ');
        // The event is cut off mid-string, the key in it escaped character by character.
        response.end(malformed(protocol, [...key].map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')));
        return;
      case 'split-stall':
        delta(`echo ${key.slice(0, 13)}`);
        return; // and nothing more
      case 'split-malformed':
        delta(`echo ${key.slice(0, 13)}`);
        response.end(malformed(protocol, key.slice(13)));
        return;
      case 'split-whole':
        delta(`echo ${key.slice(0, 13)}`);
        delta(`${key.slice(13)} done`);
        return;
      case 'disguised': {
        // Read the same as the key on screen, or hidden in it: math bold letters, tag characters, a colour reset between characters.
        const bold = [...key].map((character) => (/[A-Za-z]/.test(character) ? String.fromCodePoint((character < 'a' ? 0x1d400 - 0x41 : 0x1d41a - 0x61) + character.charCodeAt(0)) : character)).join('');
        const tags = [...key].map((character) => String.fromCodePoint(0xe0000 + character.charCodeAt(0))).join('');
        delta(`bold ${bold} tags [${tags}] ansi ${[...key].join('\x1B[0m')} end`);
        response.end(closing(protocol));
        return;
      }
      case 'formula':
        delta('\v=1+1');
        response.end(closing(protocol));
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: async () => {
      for (const response of open) response.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function keyOf(request: IncomingMessage): string {
  return String(request.headers['x-api-key'] ?? request.headers.authorization ?? '').replace(/^Bearer /, '');
}

type Protocol = 'chat' | 'responses' | 'anthropic';

function event(name: string | undefined, data: object): string {
  return `${name ? `event: ${name}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}

function opening(protocol: Protocol): string {
  if (protocol === 'anthropic') {
    return (
      event('message_start', {
        type: 'message_start',
        message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-echo', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } },
      }) + event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })
    );
  }
  if (protocol === 'responses') {
    return (
      event('response.created', {
        type: 'response.created', sequence_number: 0,
        response: { id: 'resp_1', object: 'response', created_at: 1, model: 'gpt-4o-mini', status: 'in_progress', output: [] },
      }) +
      event('response.output_item.added', {
        type: 'response.output_item.added', sequence_number: 1, output_index: 0,
        item: { type: 'message', id: 'msg_1', status: 'in_progress', role: 'assistant', content: [] },
      })
    );
  }
  return '';
}

function textDelta(protocol: Protocol, text: string): string {
  if (protocol === 'anthropic') return event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
  if (protocol === 'responses') {
    return event('response.output_text.delta', { type: 'response.output_text.delta', sequence_number: 2, item_id: 'msg_1', output_index: 0, content_index: 0, delta: text, logprobs: [] });
  }
  return event(undefined, { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
}

/** A text event cut off inside its string: not JSON, and `text` in it as written. */
function malformed(protocol: Protocol, text: string): string {
  const whole = textDelta(protocol, 'PLACEHOLDER');
  const cut = whole.slice(0, whole.indexOf('PLACEHOLDER'));
  return `${cut}${text}\n\n`;
}

function closing(protocol: Protocol): string {
  if (protocol === 'anthropic') {
    return (
      event('content_block_stop', { type: 'content_block_stop', index: 0 }) +
      event('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 3 } }) +
      event('message_stop', { type: 'message_stop' })
    );
  }
  if (protocol === 'responses') {
    return event('response.completed', {
      type: 'response.completed', sequence_number: 3,
      response: {
        id: 'resp_1', object: 'response', created_at: 1, model: 'gpt-4o-mini', status: 'completed',
        output: [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: '\v=1+1', annotations: [] }] }],
        usage: { input_tokens: 5, output_tokens: 3, total_tokens: 8 },
      },
    });
  }
  return event(undefined, { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) + 'data: [DONE]\n\n';
}
