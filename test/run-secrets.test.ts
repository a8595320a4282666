import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';

const key = 'sk-proj-FAKE0123456789abcdefghijklmnop';
const echoes = (authorization: string) => {
  const sent = authorization.replace(/^Bearer /, '');
  return `raw=${sent} url=${encodeURIComponent(sent)} b64=${Buffer.from(`user:${sent}`).toString('base64')}`;
};

/** A hostile server: it echoes the caller's key back, in an error body and in a streamed answer. */
function startEchoServer(): Promise<Server> {
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const echoed = echoes(String(request.headers.authorization ?? ''));
    if (request.url?.endsWith('/chat/completions') && body.includes('"tools"')) {
      // The key comes back inside a tool call's arguments.
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const call = { index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: JSON.stringify({ token: echoed }) } };
      const chunk = { id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'calling', tool_calls: [call] }, finish_reason: 'tool_calls' }] };
      response.write(`data: ${JSON.stringify(chunk)}\n\n`);
      response.end('data: [DONE]\n\n');
      return;
    }
    if (request.url?.endsWith('/chat/completions')) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = { id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `echo ${echoed}` }, finish_reason: 'stop' }] };
      response.write(`data: ${JSON.stringify(chunk)}\n\n`);
      response.end('data: [DONE]\n\n');
      return;
    }
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${echoed}`, type: 'invalid_request_error', code: 'invalid_api_key' } }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('API keys never reach any output', () => {
  let server: Server;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;

  beforeAll(async () => {
    server = await startEchoServer();
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    server.close();
    await workspace.remove();
  });

  it('redacts a key echoed back raw, URL-encoded and base64, in errors, answers, files and the terminal', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const dataset = await workspace.write('cases.jsonl', jsonl([{ id: 'a', prompt: 'hi', expected: 'hello' }]));
    const folder = join(workspace.path, 'run');
    const result = await runCli(
      [
        'run', '--dataset', dataset, '--warmup', '0', '--out', folder,
        // Responses API (POST /v1/responses) gets the 401; Chat Completions gets an echoing answer.
        '--target', 'openai:gpt-4o-mini',
        '--target', `openai-compatible:m@${url}`,
        // A key in the base URL's path: run.json's endpoint and route, and the reports' header.
        '--target', `inpath=openai-compatible:m@${url.slice(0, -'/v1'.length)}/${key}/v1`,
      ],
      { env: { OPENAI_API_KEY: key, OPENAI_BASE_URL: url, OPENAI_COMPATIBLE_API_KEY: key } },
    );
    // The 401 stops its target at once (exit code 3); the message names the cause, not the key.
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toContain('STOPPED openai:gpt-4o-mini: authentication failed (HTTP 401)');
    const files = await readdir(folder);
    const everything = [result.stdout, result.stderr, ...(await Promise.all(files.map((file) => readFile(join(folder, file), 'utf8'))))].join('\n');
    expect(everything).toContain('auth');
    expect(everything).toContain('[REDACTED]');
    for (const form of [key, encodeURIComponent(key), key.slice(8, 24)]) expect(everything).not.toContain(form);
    expect(everything).not.toContain(Buffer.from(`user:${key}`).toString('base64').slice(4, 40));
  });

  it('redacts a key echoed into tool-call arguments and into a failing judge\'s error, in reports and the cache', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const dataset = await workspace.write(
      'tools.jsonl',
      jsonl([{
        id: 't',
        prompt: 'look it up',
        tools: [{ name: 'lookup', parameters: { type: 'object', properties: { token: { type: 'string' } } } }],
        assert: [{ type: 'llm-judge', rubric: 'Calls lookup.' }],
      }]),
    );
    const folder = join(workspace.path, 'tools-run');
    const cacheDir = join(workspace.path, 'cache');
    const result = await runCli(
      ['run', '--dataset', dataset, '--warmup', '0', '--out', folder, '--cache', '--cache-dir', cacheDir, '--target', `openai-compatible:m@${url}`, '--judge', 'openai:gpt-4o-mini'],
      { env: { OPENAI_API_KEY: key, OPENAI_BASE_URL: url, OPENAI_COMPATIBLE_API_KEY: key } },
    );
    expect(result.exitCode).toBe(0);
    const files = [...(await readdir(folder)).map((file) => join(folder, file)), ...(await readdir(cacheDir)).map((file) => join(cacheDir, file))];
    const everything = [result.stdout, result.stderr, ...(await Promise.all(files.map((file) => readFile(file, 'utf8'))))].join('\n');
    // The judge's 401 left the answer unscored, and the tool call was recorded: both with the key blanked.
    expect(everything).toContain('judge');
    expect(everything).toContain('lookup');
    expect(everything).toContain('[REDACTED]');
    for (const form of [key, encodeURIComponent(key), key.slice(8, 24)]) expect(everything).not.toContain(form);
  });
});
