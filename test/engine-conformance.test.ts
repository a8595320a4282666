import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type FaultPlanEntry, type MockRequestRecord, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readJsonLines } from './support/run-folder.ts';

/**
 * The same dataset through both engines (`--engine sdk`, `--engine lean`), through the real CLI,
 * each against its own simulator with the same profiles, seed and fault plan, one request at a
 * time so that each fault meets the same request. The records must agree field by field; timings
 * are held to the simulator's own stamps instead (the two runs cannot share a clock).
 */
const answer = 'The capital of France is Paris.';
const faultyModels = ['limited', 'broken', 'cut', 'garbled', 'evented', 'proxied'];
const weather = { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } };
const profiles = constantMockProfiles(
  { id: 'plain', ttftMs: 30, tokensPerSecond: 200, answer: { policy: 'fixed', text: answer } },
  { id: 'caller', ttftMs: 30, tokensPerSecond: 200, answer: { policy: 'fixed', text: '', toolCall: weather } },
  ...faultyModels.map((id) => ({ id, ttftMs: 30, tokensPerSecond: 200, answer: { policy: 'fixed' as const, text: answer } })),
);
/** Each fault has its own model, so that one target's faults cannot be used up by another; Chat Completions and Responses each have theirs. */
const faultPlan: FaultPlanEntry[] = (['chat-completions', 'responses'] as const).flatMap((protocol) => [
  { match: { model: 'limited', protocol }, kind: 'rate_limit' as const, count: 1 },
  { match: { model: 'broken', protocol }, kind: 'server_error' as const, count: 1 },
  { match: { model: 'cut', protocol }, kind: 'drop' as const, count: 1 },
  { match: { model: 'garbled', protocol }, kind: 'malformed' as const, count: 1 },
  { match: { model: 'evented', protocol }, kind: 'error_event' as const, count: 2 },
  { match: { model: 'proxied', protocol }, kind: 'html_error' as const, count: 1 },
]);
const tools = [{ name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } }, required: ['city'] } }];
const cases = [
  { id: 'capital', prompt: 'What is the capital of France?' },
  { id: 'weather', prompt: 'What is the weather in Paris?', tools, tool_choice: 'auto' },
];

type Row = Record<string, unknown> & { target: string; caseId: string; attempt: number; timing: Record<string, number> };

/** A Chat Completions server that streams its answer and never reports usage. */
function startServerWithoutUsage(): Promise<Server> {
  const server = createServer(async (request, response) => {
    for await (const _chunk of request);
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    for (const content of ['The capital', ' of France', ' is Paris.']) response.write(chunk({ content }, null));
    response.end(chunk({}, 'stop') + 'data: [DONE]\n\n');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the lean engine and the SDK engine record the same exchanges alike', () => {
  const runs: Record<'sdk' | 'lean', { rows: Row[]; served: MockRequestRecord[] }> = { sdk: { rows: [], served: [] }, lean: { rows: [], served: [] } };
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let noUsage: Server;
  beforeAll(async () => {
    workspace = await makeWorkspace();
    noUsage = await startServerWithoutUsage();
    const noUsageUrl = `http://127.0.0.1:${(noUsage.address() as AddressInfo).port}/v1`;
    const dataset = await workspace.write('cases.jsonl', jsonl(cases));
    for (const engine of ['sdk', 'lean'] as const) {
      const server: MockServer = await startMockServer({ profiles, seed: 7, faultPlan });
      try {
        const chat = ['plain', 'caller', ...faultyModels].map((model) => `chat-${model}=openai-compatible:${model}@${server.url}/v1`);
        const responses = ['plain', 'caller', ...faultyModels].map((model) => `responses-${model}=openai:${model}`);
        const folder = join(workspace.path, engine);
        const result = await runCli(
          [
            'run', '--dataset', dataset, '--engine', engine, '--seed', '7', '--warmup', '0', '--concurrency', '1', '--retries', '2',
            '--max-tokens', '64', '--out', folder,
            ...[...chat, ...responses, `estimated=openai-compatible:m@${noUsageUrl}`].flatMap((target) => ['--target', target]),
          ],
          { env: { OPENAI_API_KEY: 'sk-conformance-0123456789', OPENAI_BASE_URL: `${server.url}/v1` } },
        );
        expect(result.stderr).not.toContain('sk-conformance');
        runs[engine] = { rows: await readJsonLines<Row>(join(folder, 'results.jsonl')), served: server.requests() };
      } finally {
        await server.close();
      }
    }
  }, 600_000);
  afterAll(async () => {
    noUsage?.close();
    await workspace?.remove();
  });

  const key = (row: Row) => `${row.target} ${row.caseId} #${row.attempt}`;
  const byKey = (rows: Row[]) => new Map(rows.map((row) => [key(row), row]));
  /** Everything but the times and dates, which no two runs share. */
  const comparable = (row: Row) => {
    const { timing, startedAt, schedule, durationMs, ...rest } = row as Row & { startedAt?: unknown; schedule?: unknown; durationMs?: unknown };
    return { ...rest, timingFields: Object.keys(timing).filter((name) => !/^interChunk|^chunkCount$|^tokensPerChunk$|^outputTps$|^tpotMs$/.test(name)).sort() };
  };

  it('ran every case on every target, with its faults and retries, through both engines', () => {
    expect(runs.sdk.rows.length).toBeGreaterThanOrEqual(cases.length * 17);
    expect([...byKey(runs.lean.rows).keys()].sort()).toEqual([...byKey(runs.sdk.rows).keys()].sort());
    const types = new Set(runs.lean.rows.map((row) => (row.error as { type?: string } | undefined)?.type).filter(Boolean));
    expect([...types].sort()).toEqual(['network', 'rate_limited', 'server_error', 'stream_error']);
  });

  it('agrees field by field: status, error, HTTP status, output, tool calls, usage, finish reason, cost, attempts, warnings', () => {
    const sdk = byKey(runs.sdk.rows);
    for (const row of runs.lean.rows) {
      const twin = sdk.get(key(row))!;
      // A dropped connection loses what the simulator wrote just before it (its socket is
      // destroyed with writes pending), more or less of it on each run: the error must agree,
      // and each output be a beginning of the answer.
      if (/-cut$/.test(row.target) && row.attempt === 1) {
        expect(row.error).toEqual(twin.error);
        expect(answer.startsWith(String(row.output))).toBe(true);
        continue;
      }
      expect({ key: key(row), ...comparable(row) }).toEqual({ key: key(twin), ...comparable(twin) });
    }
  });

  it('records the tool call, the retry-after of a 429, and estimated usage where the server sent none', () => {
    const lean = byKey(runs.lean.rows);
    expect(lean.get('chat-caller weather #1')?.toolCalls).toEqual([weather]);
    expect(lean.get('responses-caller weather #1')?.toolCalls).toEqual([weather]);
    expect(lean.get('chat-limited capital #1')?.error).toMatchObject({ type: 'rate_limited', httpStatus: 429, retryAfterMs: expect.any(Number) });
    expect(lean.get('chat-limited capital #2')?.status).toBe('ok');
    expect(lean.get('responses-limited capital #1')?.error).toMatchObject({ type: 'rate_limited', httpStatus: 429, retryAfterMs: expect.any(Number) });
    expect(lean.get('estimated capital #1')?.usage).toMatchObject({ estimated: true, outputTokens: expect.any(Number) });
    expect(lean.get('chat-plain capital #1')?.usage).toMatchObject({ estimated: false, inputTokens: expect.any(Number) });
  });

  it('measures time to first token against the simulator\'s own stamps, as the SDK engine does', () => {
    for (const engine of ['sdk', 'lean'] as const) {
      const answered = runs[engine].rows.filter((row) => row.target === 'chat-plain');
      const truth = runs[engine].served.filter((record) => record.model === 'plain' && record.protocol === 'chat-completions');
      expect(answered.length).toBe(truth.length);
      for (const [index, row] of answered.entries()) {
        const served = truth[index]!;
        const serverTtft = served.chunkTimes[0]! - served.arrivedAt;
        // Sent at the socket, before the server saw it: never less than the server's own figure
        // (its clock and ours are both monotonic, on one machine).
        // The simulator stamps a chunk after writing it: one that waited for a core in between
        // reads a truth a few ms long (the suite runs beside busy processes).
        expect(row.timing.ttftMs).toBeGreaterThanOrEqual(serverTtft - 5);
        expect(row.timing.e2eMs).toBeGreaterThanOrEqual(row.timing.ttftMs!);
      }
    }
  });
});
