import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readCsv } from './support/run-folder.ts';

/** A server like many self-hosted ones: it streams the answer but never reports usage. */
function startServerWithoutUsage(): Promise<Server> {
  const server = createServer(async (request, response) => {
    for await (const _chunk of request);
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const content of ['The capital', ' of France', ' is Paris.']) {
      response.write(`data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`);
    }
    response.write(`data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
    response.end('data: [DONE]\n\n');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('a provider that reports no usage', () => {
  let server: Server;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  beforeAll(async () => {
    server = await startServerWithoutUsage();
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    server.close();
    await workspace.remove();
  });

  it('gets token counts from the local tokenizer, flagged as estimated', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const dataset = await workspace.write('cases.jsonl', jsonl([{ id: 'a', prompt: 'What is the capital of France?' }]));
    const folder = join(workspace.path, 'run');
    const result = await runCli(['run', '--dataset', dataset, '--target', `openai-compatible:m@${url}`, '--warmup', '0', '--out', folder]);
    expect(result.exitCode).toBe(0);
    const [row] = await readCsv(join(folder, 'results.csv'));
    // o200k_base: "The capital of France is Paris." is 7 tokens; the question is 7 tokens.
    expect(row).toMatchObject({ status: 'ok', output: 'The capital of France is Paris.', output_tokens: '7', input_tokens: '7', tokens_estimated: 'true' });
    const [summary] = await readCsv(join(folder, 'summary.csv'));
    expect(summary?.tokens_estimated).toBe('true');
  });
});
