import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../src/records/index.ts';
import { allEvents, eventStreamHeaders, sseData, startHostileServer, wholeStream, type HostileProtocol, type HostileReply, type HostileServer } from './support/hostile-server.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readCsv, readJsonLines } from './support/run-folder.ts';

/**
 * A server that speaks each protocol llm-bench reads, and then does not: a 200 that is not the
 * API's event stream, a stream that closes before its end event, a connection that fails midway.
 * Each is run through the real CLI, every case of one dataset in one run per route. An answer the
 * API did not finish is never an `ok` record, keeps what arrived, and is never scored.
 */
const key = 'hostile-test-key-0123456789';
const routes: Array<{ route: string; protocol: HostileProtocol; target: (url: string) => string; environment: (url: string) => Record<string, string> }> = [
  { route: 'Chat Completions (openai-compatible)', protocol: 'chat-completions', target: (url) => `openai-compatible:m@${url}/v1`, environment: () => ({}) },
  { route: 'Responses API (openai)', protocol: 'responses', target: () => 'openai:m', environment: (url) => ({ OPENAI_BASE_URL: `${url}/v1`, OPENAI_API_KEY: key }) },
  { route: 'Responses API (azure)', protocol: 'responses', target: () => 'azure:m', environment: (url) => ({ AZURE_BASE_URL: `${url}/openai`, AZURE_API_KEY: key }) },
  { route: 'Anthropic Messages', protocol: 'anthropic-messages', target: () => 'anthropic:m', environment: (url) => ({ ANTHROPIC_BASE_URL: `${url}/v1`, ANTHROPIC_API_KEY: key }) },
  { route: 'AI Gateway', protocol: 'gateway', target: () => 'openai/m', environment: (url) => ({ AI_GATEWAY_BASE_URL: `${url}/v4/ai`, AI_GATEWAY_API_KEY: key }) },
];

const answer = 'one two three';
const pieces = ['one ', 'two ', 'three'];
const html502 = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n';
const tenMiB = 10 * 1024 * 1024;
const maxOutputCharacters = 8 * 1024 * 1024;

type ErrorName = 'bad_response' | 'stream_error' | 'network' | 'server_error';
type HostileCase = {
  id: string;
  does: string;
  reply: (protocol: HostileProtocol) => HostileReply;
  /** undefined: an answer, scored. */
  errorType?: ErrorName | Record<HostileProtocol, ErrorName>;
  /** The message says this. */
  message?: RegExp;
  /** One of the record's warnings says this. */
  warning?: RegExp;
  /** The partial output kept. */
  output: string | ((output: string) => void);
};

const errorTypeOf = (hostile: HostileCase, protocol: HostileProtocol) =>
  typeof hostile.errorType === 'object' ? hostile.errorType[protocol] : hostile.errorType;
const stream = (body: string[], ending: HostileReply['ending'] = 'end'): HostileReply => ({ headers: eventStreamHeaders, body, ending });
const cases: HostileCase[] = [
  { id: 'whole', does: 'a whole stream is an answer, scored', reply: (protocol) => stream(allEvents(wholeStream(protocol, pieces))), output: answer },
  {
    id: 'end-event-last',
    does: 'a stream that closes right after its end event (no usage chunk, no [DONE]) is an answer',
    reply: (protocol) => {
      const whole = wholeStream(protocol, pieces);
      return stream([...whole.opening, ...whole.text, ...whole.beforeEnd, whole.end]);
    },
    output: answer,
  },
  {
    id: 'held-open',
    does: 'a whole stream whose connection the server then holds open is an answer, not a stall',
    reply: (protocol) => stream(allEvents(wholeStream(protocol, pieces)), 'hold'),
    output: answer,
  },
  {
    id: 'held-open-after-usage',
    does: 'a whole stream without [DONE] whose connection the server then holds open is an answer',
    reply: (protocol) => {
      const whole = wholeStream(protocol, pieces);
      return stream([...whole.opening, ...whole.text, ...whole.beforeEnd, whole.end, ...whole.afterEnd.filter((event) => !event.includes('[DONE]'))], 'hold');
    },
    output: answer,
  },
  {
    id: 'after-the-end',
    does: 'text sent after the last event, in the same chunk, is not part of the answer',
    reply: (protocol) => {
      const whole = wholeStream(protocol, pieces);
      const extra = wholeStream(protocol, [' and then some']).text.join('');
      return stream([...whole.opening, ...whole.text, ...whole.beforeEnd, [whole.end, ...whole.afterEnd, extra].join('')], 'hold');
    },
    output: answer,
  },
  {
    id: 'mislabelled',
    does: 'a whole stream sent as text/plain is an answer, with a warning that says so',
    reply: (protocol) => ({ headers: { 'content-type': 'text/plain' }, body: allEvents(wholeStream(protocol, pieces)) }),
    output: answer,
    warning: /^the response had content type text\/plain, not text\/event-stream: read as the .* event stream it was$/,
  },
  {
    id: 'cr-line-ends',
    does: 'a whole stream with CR-only line ends, in one chunk, is an answer',
    reply: (protocol) => stream([allEvents(wholeStream(protocol, pieces)).join('').replaceAll('\n', '\r')]),
    output: answer,
  },
  {
    id: 'crlf-split',
    does: 'a whole stream with CRLF line ends, the last CR and LF in separate chunks, is an answer',
    reply: (protocol) => {
      const body = allEvents(wholeStream(protocol, pieces)).join('').replaceAll('\n', '\r\n');
      return stream([body.slice(0, -1), '\n']);
    },
    output: answer,
  },
  {
    id: 'escaped-end',
    does: 'a whole stream whose end event is written with JSON escapes is an answer',
    reply: (protocol) => {
      const whole = wholeStream(protocol, pieces);
      const escaped = whole.end
        .replace('"finish_reason"', '"finish\\u005freason"')
        .replace('"type":"response.completed"', '"type":"response\\u002ecompleted"')
        .replace('"type":"message_stop"', '"type":"message\\u005fstop"')
        .replace('"type":"finish"', '"type":"fin\\u0069sh"');
      return stream([...whole.opening, ...whole.text, ...whole.beforeEnd, escaped, ...whole.afterEnd]);
    },
    output: answer,
  },
  {
    id: 'redirect-307',
    does: 'a 307 is bad_response, not followed, its Location shown without its query',
    reply: (protocol) => ({ status: 307, headers: { location: `/elsewhere/${protocol}?key=secret-in-query` }, body: [] }),
    errorType: 'bad_response',
    message: /^307 redirect to http:\/\/127\.0\.0\.1:\d+\/elsewhere\/[a-z-]+\?… not followed: the API does not redirect$/,
    output: '',
  },
  {
    id: 'redirect-302',
    does: 'a 302 with a body is bad_response, not followed as a GET',
    reply: () => ({ status: 302, headers: { location: 'http://127.0.0.1:9/v1', 'content-type': 'text/html' }, body: ['<a href="/">moved</a>'] }),
    errorType: 'bad_response',
    message: /^302 redirect to http:\/\/127\.0\.0\.1:9\/v1 not followed: the API does not redirect$/,
    output: '',
  },
  {
    id: 'redirect-no-location',
    does: 'a 3xx with no Location is bad_response, saying so',
    reply: () => ({ status: 300, headers: { 'content-type': 'text/html' }, body: ['<p>choose</p>'] }),
    errorType: 'bad_response',
    message: /^300 response \(a redirect status, with no Location\) is not the API's answer: the API does not redirect$/,
    output: '',
  },
  {
    id: 'html-page',
    does: "a 200 whose body is an HTML page (a proxy's 502 page) is bad_response",
    reply: () => ({ headers: { 'content-type': 'text/html' }, body: [html502] }),
    errorType: 'bad_response',
    message: new RegExp(`^200 response was text/html, not the API's event stream \\(no .* event in its ${html502.length} bytes\\): "<!DOCTYPE html>\\\\n<html>`),
    output: '',
  },
  {
    id: 'json-error',
    does: 'a 200 whose body is a JSON error object is bad_response, quoting it',
    reply: () => ({ headers: { 'content-type': 'application/json' }, body: ['{"error":{"message":"upstream overloaded","type":"server_error"}}'] }),
    errorType: 'bad_response',
    message: /^200 response was application\/json, not the API's event stream .*upstream overloaded/,
    output: '',
  },
  {
    id: 'json-answer',
    does: 'a 200 whose body is a whole JSON answer instead of a stream is bad_response, not scored',
    reply: () => ({ headers: { 'content-type': 'application/json' }, body: [JSON.stringify({ object: 'chat.completion', choices: [{ message: { content: answer } }] })] }),
    errorType: 'bad_response',
    output: '',
  },
  { id: 'empty', does: 'a 200 with an empty body is bad_response', reply: () => stream([]), errorType: 'bad_response', message: /an empty body$/, output: '' },
  { id: 'comments', does: 'a 200 event stream of comments only is bad_response', reply: () => stream([': ping\n\n', ': ping\n\n']), errorType: 'bad_response', output: '' },
  {
    id: 'unknown-events',
    does: 'a 200 event stream of unknown events is bad_response',
    reply: () => stream([`data: ${JSON.stringify({ kind: 'status', text: answer })}\n\n`, 'event: done\ndata: {}\n\n']),
    errorType: 'bad_response',
    output: '',
  },
  {
    id: 'binary',
    does: 'a 200 of binary garbage is bad_response',
    reply: () => ({ headers: { 'content-type': 'application/octet-stream' }, body: [new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0a, 0x0a])] }),
    errorType: 'bad_response',
    output: '',
  },
  {
    id: 'no-end-event',
    does: 'a stream that closes cleanly before its end event is stream_error, keeping its partial output',
    reply: (protocol) => {
      const whole = wholeStream(protocol, pieces);
      return stream([...whole.opening, ...whole.text, ...whole.beforeEnd]);
    },
    errorType: 'stream_error',
    output: answer,
  },
  {
    id: 'mid-event',
    does: 'a stream that closes in the middle of its end event is stream_error, keeping its partial output',
    reply: (protocol) => {
      const whole = wholeStream(protocol, pieces);
      return stream([...whole.opening, ...whole.text, ...whole.beforeEnd, whole.end.slice(0, whole.end.length - 2)]);
    },
    errorType: 'stream_error',
    output: answer,
  },
  {
    id: 'failed-finish',
    does: 'a stream the API ends as failed is never an answer, whatever its text',
    reply: (protocol) => {
      const whole = wholeStream(protocol, pieces);
      const failed: Record<HostileProtocol, string> = {
        // A finish_reason of "error" (vLLM and others), then [DONE].
        'chat-completions': `${sseData({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'error' }] })}data: [DONE]\n\n`,
        // response.failed with no error object.
        responses: `event: response.failed\ndata: ${JSON.stringify({ type: 'response.failed', sequence_number: 99, response: { id: 'resp_1', object: 'response', created_at: 1, status: 'failed', model: 'm', output: [], error: null, incomplete_details: null, usage: null } })}\n\n`,
        // Anthropic fails a stream with an error event.
        'anthropic-messages': `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'Internal server error' } })}\n\n`,
        gateway: sseData({ type: 'finish', finishReason: { unified: 'error', raw: 'error' }, usage: { inputTokens: { total: 5 }, outputTokens: { total: 2 } } }),
      };
      return stream([...whole.opening, ...whole.text, failed[protocol]]);
    },
    errorType: { 'chat-completions': 'stream_error', responses: 'stream_error', 'anthropic-messages': 'server_error', gateway: 'stream_error' },
    output: answer,
  },
  {
    id: 'reset',
    does: 'a connection reset mid-stream is network, keeping its partial output',
    reply: (protocol) => {
      const whole = wholeStream(protocol, pieces);
      return stream([...whole.opening, ...whole.text], 'reset');
    },
    errorType: 'network',
    output: answer,
  },
  {
    id: 'truncated-chunk',
    does: 'a truncated chunked encoding is network, keeping its partial output',
    reply: (protocol) => {
      const whole = wholeStream(protocol, pieces);
      return stream([...whole.opening, ...whole.text], 'truncated-chunk');
    },
    errorType: 'network',
    output: answer,
  },
  {
    id: 'short-of-content-length',
    does: 'a body closed short of its Content-Length is network, keeping its partial output',
    reply: (protocol) => {
      const whole = wholeStream(protocol, pieces);
      const body = [...whole.opening, ...whole.text];
      return { headers: { ...eventStreamHeaders, 'content-length': String(Buffer.byteLength(allEvents(whole).join(''))) }, body, ending: 'close' };
    },
    errorType: 'network',
    output: answer,
  },
  {
    id: 'other-protocol',
    does: "a 200 event stream of another protocol's events is bad_response",
    reply: (protocol) => stream(allEvents(wholeStream(protocol === 'anthropic-messages' ? 'chat-completions' : 'anthropic-messages', pieces))),
    errorType: 'bad_response',
    output: '',
  },
  {
    id: 'huge-error-message',
    does: 'a 500 whose error message is a megabyte long is server_error, its message cut where it says',
    reply: (protocol) => {
      const error = { message: `upstream failed ${'z'.repeat(2 ** 20)}`, type: protocol === 'anthropic-messages' ? 'api_error' : 'server_error' };
      return { status: 500, headers: { 'content-type': 'application/json' }, body: [JSON.stringify(protocol === 'anthropic-messages' ? { type: 'error', error } : { error })] };
    },
    errorType: 'server_error',
    message: /^[^]{0,2000}… \[cut off at 2000 characters\]$/,
    output: '',
  },
  {
    id: 'ten-mib-chunk',
    does: 'a 10 MiB single chunk is cut off, and stores exactly the characters its message says',
    reply: (protocol) => {
      const whole = wholeStream(protocol, [`${answer} ${'x'.repeat(tenMiB)}`]);
      return stream(allEvents(whole));
    },
    errorType: 'stream_error',
    message: new RegExp(`cut off at ${maxOutputCharacters} characters`),
    output: (output) => {
      expect(output.length).toBe(maxOutputCharacters);
      expect(output.startsWith(`${answer} xxx`)).toBe(true);
    },
  },
];

describe.each(routes)('$route against a hostile server', ({ protocol, target, environment }) => {
  let server: HostileServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let records: Map<string, AttemptRecord>;
  let rows: Map<string, Record<string, string>>;
  let summary: Record<string, string> | undefined;
  let exitCode: number | null;

  beforeAll(async () => {
    server = await startHostileServer((request) => {
      const id = /case:([a-z0-9-]+)/.exec(request.body)?.[1];
      const hostile = cases.find((candidate) => candidate.id === id);
      if (!hostile || request.protocol !== protocol) return { status: 404, headers: { 'content-type': 'application/json' }, body: ['{"error":{"message":"unexpected request"}}'] };
      return hostile.reply(protocol);
    });
    workspace = await makeWorkspace();
    const dataset = await workspace.write('cases.jsonl', jsonl(cases.map(({ id }) => ({ id, prompt: `case:${id}`, expected: answer }))));
    const folder = join(workspace.path, 'run');
    const result = await runCli(
      ['run', '--dataset', dataset, '--target', target(server.url), '--warmup', '0', '--retries', '0', '--concurrency', '4', '--max-error-rate', '1', '--timeout-ms', '20000', '--stall-timeout-ms', '10000', '--out', folder],
      { env: environment(server.url), timeoutMs: 85_000 },
    );
    exitCode = result.exitCode;
    if (exitCode !== 0) throw new Error(`the run failed (exit ${exitCode}): ${result.stderr}`);
    records = new Map((await readJsonLines<AttemptRecord>(join(folder, 'results.jsonl'))).map((record) => [record.caseId, record]));
    rows = new Map((await readCsv(join(folder, 'results.csv'))).map((row) => [row.case_id!, row]));
    [summary] = await readCsv(join(folder, 'summary.csv'));
  });
  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  it('runs every case to a record, and counts each error type in the summary', () => {
    expect(exitCode).toBe(0);
    expect([...records.keys()].sort()).toEqual(cases.map(({ id }) => id).sort());
    const counts = new Map<string, number>();
    for (const hostile of cases) {
      const type = errorTypeOf(hostile, protocol);
      if (type) counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    for (const [type, count] of counts) expect(summary?.error_counts).toContain(`${type}=${count}`);
    const answers = String(cases.filter((hostile) => errorTypeOf(hostile, protocol) === undefined).length);
    expect(summary).toMatchObject({ ok: answers, scored: answers, passed: answers });
  });

  it('follows no redirect: nothing is sent where a 3xx points, and the 3xx is tried once', () => {
    expect(server.requests.filter((request) => request.path.includes('/elsewhere'))).toEqual([]);
    expect(server.requests.filter((request) => request.body.includes('case:redirect-307'))).toHaveLength(1);
    expect(records.get('redirect-307')).toMatchObject({ attempt: 1, final: true });
  });

  it.each(cases)('$does', (hostile) => {
    const record = records.get(hostile.id);
    const row = rows.get(hostile.id);
    if (typeof hostile.output === 'string') expect(record?.output).toBe(hostile.output);
    else hostile.output(record?.output ?? '');
    if (hostile.warning) expect(record?.warnings?.some((warning) => hostile.warning!.test(warning))).toBe(true);
    const errorType = errorTypeOf(hostile, protocol);
    if (errorType === undefined) {
      // Finished as the API finished it: not an answer the provider package calls interrupted.
      expect(record).toMatchObject({ status: 'ok', finishReason: 'stop', score: { passed: true } });
      expect(row).toMatchObject({ status: 'ok', passed: 'true' });
      return;
    }
    expect(record?.status).toBe('error');
    expect(record?.status === 'error' ? record.error.type : undefined).toBe(errorType);
    if (hostile.message) expect(record?.status === 'error' ? record.error.message : '').toMatch(hostile.message);
    // Never scored: the partial answer would pass here.
    expect(record?.score).toBeUndefined();
    expect(row).toMatchObject({ status: 'error', error_type: errorType, score: '', passed: '' });
  });
});

describe('AI Gateway strings from a hostile server', () => {
  let server: HostileServer | undefined;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>> | undefined;
  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  it('keeps at most 20 warnings of at most 2,000 characters, and a served_by of at most 200, each saying where it was cut', async () => {
    const warnings = Array.from({ length: 1000 }, (_, index) => ({ type: 'other', message: `warning ${index} ${'w'.repeat(10_000)}` }));
    server = await startHostileServer(() => {
      const whole = wholeStream('gateway', pieces);
      const finish = JSON.parse(whole.end.slice('data: '.length)) as Record<string, unknown>;
      const routing = { finalProvider: `p${'q'.repeat(2 ** 20)}` };
      return stream([sseData({ type: 'stream-start', warnings }), ...whole.opening.slice(1), ...whole.text, ...whole.beforeEnd, sseData({ ...finish, providerMetadata: { gateway: { routing } } })]);
    });
    workspace = await makeWorkspace();
    const dataset = await workspace.write('cases.jsonl', jsonl([{ id: 'one', prompt: 'hello', expected: answer }]));
    const folder = join(workspace.path, 'run');
    const result = await runCli(['run', '--dataset', dataset, '--target', 'openai/m', '--warmup', '0', '--out', folder], {
      env: { AI_GATEWAY_BASE_URL: `${server.url}/v4/ai`, AI_GATEWAY_API_KEY: key },
      timeoutMs: 85_000,
    });
    expect(result.exitCode).toBe(0);
    const [record] = await readJsonLines<AttemptRecord>(join(folder, 'results.jsonl'));
    expect(record).toMatchObject({ status: 'ok', output: answer });
    expect(record?.servedBy).toBe(`p${'q'.repeat(199)}… [cut off at 200 characters]`);
    expect(record?.warnings).toHaveLength(21);
    expect(record?.warnings?.[0]).toMatch(/^other: warning 0 w+… \[cut off at 2000 characters\]$/);
    expect(record?.warnings?.[0]).toHaveLength(2000 + '… [cut off at 2000 characters]'.length);
    expect(record?.warnings?.[20]).toBe('… and 980 more warnings, not kept');
  });
});
