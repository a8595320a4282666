import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type FaultPlanEntry, type MockFaultKind, type MockServer } from '../src/mock/index.ts';
import { startHeaderProxy, type HeaderProxy } from './support/header-proxy.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';
import { median, readRunOutputs, slotTallies, type RunOutputs } from './support/run-outputs.ts';

/**
 * Every fault the simulator can inject, at 1, 8 and 32 requests in flight. Each fault kind has
 * its own simulated model (and target), so one run covers them all and the fault plan of one
 * cannot be used up by another.
 */
const caseCount = 12;
const caseIds = Array.from({ length: caseCount }, (_, index) => `case-${index}`);
// Echo answers: a request's answer is its prompt, so the simulator's log says which case it was.
const promptOf = (caseId: string) => `please repeat ${caseId} back to me word for word`;
const caseOfAnswer = new Map(caseIds.map((caseId) => [promptOf(caseId), caseId]));

/** What the slow_first_byte requests are told to wait, through the header proxy. */
const firstByteDelayMs = 250;
const stallTimeoutMs = 500;
/**
 * Only for a run that hangs. How long a run takes is the machine's speed, not the code's (several
 * times longer on a busy 2-core machine), so no test bounds it; each wait it plans is checked on
 * its own instead: the retry-after each 429 recorded, hangs and stalls ended by the stall timeout.
 */
const hangGuardMs = 240_000;

type Expectation = {
  kind: MockFaultKind;
  /** Faulty requests: the first ones of the kind's model. */
  count: number;
  /** How the CLI reaches the simulator for this kind. */
  route: 'openai-compatible' | 'anthropic' | 'proxy';
  /** The error_type of the faulty attempts; undefined when the fault is not an error. */
  errorType?: string;
  httpStatus?: number;
  /** Retried, so that every case ends answered. */
  recovered: boolean;
};

const expectations: Expectation[] = [
  { kind: 'rate_limit', count: 2, route: 'openai-compatible', errorType: 'rate_limited', httpStatus: 429, recovered: true },
  { kind: 'rate_limit_ms', count: 3, route: 'openai-compatible', errorType: 'rate_limited', httpStatus: 429, recovered: true },
  // The simulator's default reset is 6 minutes; the proxy makes it 200 ms.
  { kind: 'rate_limit_reset', count: 2, route: 'proxy', errorType: 'rate_limited', httpStatus: 429, recovered: true },
  { kind: 'server_error', count: 2, route: 'openai-compatible', errorType: 'server_error', httpStatus: 500, recovered: true },
  { kind: 'unavailable', count: 2, route: 'openai-compatible', errorType: 'server_error', httpStatus: 503, recovered: true },
  { kind: 'overloaded', count: 2, route: 'anthropic', errorType: 'server_error', httpStatus: 529, recovered: true },
  { kind: 'html_error', count: 2, route: 'openai-compatible', errorType: 'server_error', httpStatus: 502, recovered: true },
  { kind: 'drop', count: 2, route: 'openai-compatible', errorType: 'network', recovered: true },
  { kind: 'hang', count: 2, route: 'openai-compatible', errorType: 'timeout', recovered: false },
  { kind: 'stall', count: 2, route: 'openai-compatible', errorType: 'timeout', recovered: false },
  { kind: 'malformed', count: 2, route: 'openai-compatible', errorType: 'stream_error', recovered: false },
  // A server_error event inside a 200 stream is the provider's failure, like a 500: retried.
  { kind: 'error_event', count: 2, route: 'openai-compatible', errorType: 'server_error', recovered: true },
  { kind: 'slow_first_byte', count: 3, route: 'proxy', recovered: true },
];

describe.each([1, 8, 32])('every fault kind at concurrency %i', (concurrency) => {
  let server: MockServer;
  let proxy: HeaderProxy;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let result: Awaited<ReturnType<typeof runCli>>;
  let outputs: RunOutputs;

  beforeAll(async () => {
    const faultPlan: FaultPlanEntry[] = expectations.map(({ kind, count }) => ({ kind, count, match: { model: kind } }));
    server = await startMockServer({
      profiles: constantMockProfiles(...expectations.map(({ kind }) => ({ id: kind, ttftMs: 5, tokensPerSecond: 5000, answer: { policy: 'echo' as const } }))),
      faultPlan,
    });
    proxy = await startHeaderProxy(server.url, { 'x-mock-retry-after': '200ms', 'x-mock-delay-ms': String(firstByteDelayMs) });
    workspace = await makeWorkspace();
    const dataset = await workspace.write('cases.jsonl', jsonl(caseIds.map((id) => ({ id, prompt: promptOf(id) }))));
    const targets = expectations.flatMap(({ kind, route }) => [
      '--target',
      route === 'anthropic'
        ? `${kind}=anthropic:${kind}`
        : `${kind}=openai-compatible:${kind}@${route === 'proxy' ? proxy.url : server.url}/v1`,
    ]);
    const folder = join(workspace.path, 'run');
    result = await runCli(
      [
        'run', '--dataset', dataset, ...targets, '--concurrency', String(concurrency), '--warmup', '0', '--retries', '3',
        '--stall-timeout-ms', String(stallTimeoutMs), '--timeout-ms', '5000', '--out', folder,
      ],
      { env: { ANTHROPIC_BASE_URL: `${server.url}/v1`, ANTHROPIC_API_KEY: 'test-key' }, timeoutMs: hangGuardMs },
    );
    outputs = await readRunOutputs(folder);
  }, hangGuardMs);

  afterAll(async () => {
    await proxy?.close();
    await server?.close();
    await workspace?.remove();
  });

  it('completes with exit code 0 and no stopped target', () => {
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('STOPPED');
    expect(outputs.manifest.status).toBe('completed');
    expect(outputs.manifest.results.slots).toBe(caseCount * expectations.length);
  });

  it.each(expectations)('$kind: one final result per case, none lost or duplicated', ({ kind }) => {
    for (const tally of slotTallies(outputs, kind, caseIds)) {
      expect(tally, tally.caseId).toMatchObject({ finals: 1 });
      expect(tally.answers, tally.caseId).toBeLessThanOrEqual(1);
    }
  });

  const expectFaultsRecorded = (expectation: Expectation) => {
    const { kind, count, errorType, httpStatus, recovered } = expectation;
    const requests = server.requests().filter((request) => request.model === kind);
    expect(requests.filter((request) => request.fault === kind)).toHaveLength(count);
    const lines = outputs.lines.filter((line) => line.target === kind);
    // Every attempt sent is recorded, and none is recorded that was not sent.
    expect(lines).toHaveLength(requests.length);
    const errors = lines.filter((line) => line.status === 'error');
    if (errorType === undefined) {
      expect(errors).toEqual([]);
      return;
    }
    expect(errors).toHaveLength(count);
    for (const line of errors) {
      expect(line.error?.type).toBe(errorType);
      if (httpStatus !== undefined) expect(line.error?.httpStatus).toBe(httpStatus);
      expect(line.final).toBe(!recovered);
    }
    if (kind === 'rate_limit') expect(errors.map((line) => line.error?.retryAfterMs)).toEqual(errors.map(() => 1000));
    if (kind === 'rate_limit_ms') expect(errors.map((line) => line.error?.retryAfterMs)).toEqual(errors.map(() => 250));
    if (kind === 'rate_limit_reset') expect(errors.map((line) => line.error?.retryAfterMs)).toEqual(errors.map(() => 200));
  };

  const expectNotRetried = ({ kind, count, errorType }: Expectation) => {
    const finals = outputs.lines.filter((line) => line.target === kind && line.final);
    expect(finals.filter((line) => line.status === 'error').map((line) => line.attempt)).toEqual(Array(count).fill(1));
    const summary = outputs.summary.find((row) => row.target === kind);
    expect(summary).toMatchObject({ requests: String(caseCount), ok: String(caseCount - count), error_counts: `${errorType}=${count}` });
    expect(Number(summary?.success_rate)).toBeCloseTo((caseCount - count) / caseCount, 6);
  };

  it.each(expectations)('$kind: the planned faults reach the server and are recorded as $errorType', expectFaultsRecorded);

  it.each(expectations.filter((expectation) => expectation.recovered && expectation.errorType))(
    '$kind: retried until every case is answered',
    ({ kind, count }) => {
      const summary = outputs.summary.find((row) => row.target === kind);
      expect(summary).toMatchObject({ requests: String(caseCount), success_rate: '1', ok: String(caseCount), unanswered: '0' });
      expect(Number(summary?.first_attempt_success_rate)).toBeLessThan(1);
      expect(Number(summary?.attempts)).toBe(caseCount + count);
      // Retried failures are attempts, not outcomes.
      expect(summary?.error_counts).toBe('');
    },
  );

  it.each(expectations.filter((expectation) => !expectation.recovered))(
    '$kind: not retried; the faulty cases end as $errorType, the others are answered',
    expectNotRetried,
  );

  it('hang and stall end at --stall-timeout-ms, keeping what a stall had sent', () => {
    const stalled = outputs.lines.filter((line) => line.target === 'stall' && line.status === 'error');
    expect(stalled).toHaveLength(2);
    for (const line of stalled) {
      expect(line.error?.message).toContain('stalled');
      // The stall comes after two chunks of the echo: the first two words of the prompt.
      expect(line.output).toBe('please repeat');
    }
    const hung = outputs.lines.filter((line) => line.target === 'hang' && line.status === 'error');
    expect(hung).toHaveLength(2);
    for (const line of hung) {
      expect(line.error?.message).toContain('stalled');
      expect(line.output).toBe('');
      expect(line.error?.httpStatus).toBeUndefined();
    }
  });

  it('slow_first_byte: answered, with the first-byte delay in the TTFT of exactly the delayed cases', () => {
    const requests = server.requests().filter((request) => request.model === 'slow_first_byte');
    const delayedCases = new Set(requests.filter((request) => request.fault === 'slow_first_byte').map((request) => caseOfAnswer.get(request.answer)));
    expect(delayedCases.size).toBe(3);
    // What the server took to its first chunk, delay included: the ground truth for each case.
    const serverTtft = new Map(requests.map((request) => [caseOfAnswer.get(request.answer), (request.chunkTimes[0] ?? Number.NaN) - request.arrivedAt]));
    const rows = outputs.rows.filter((row) => row.target === 'slow_first_byte');
    expect(rows).toHaveLength(caseCount);
    expect(rows.every((row) => row.status === 'ok' && row.output === promptOf(row.case_id ?? ''))).toBe(true);
    const delayed = rows.filter((row) => delayedCases.has(row.case_id)).map((row) => Number(row.ttft_ms));
    expect(delayed).toHaveLength(3);
    for (const ttft of delayed) expect(ttft).toBeGreaterThanOrEqual(firstByteDelayMs);
    // The others' TTFT is what the server took plus the way there and back (the proxy, the
    // transport), which a busy machine lengthens; it must not hold the delay they were spared.
    const others = rows.filter((row) => !delayedCases.has(row.case_id));
    expect(others).toHaveLength(caseCount - 3);
    expect(median(others.map((row) => Number(row.ttft_ms) - serverTtft.get(row.case_id)!))).toBeLessThan(firstByteDelayMs);
  });
});

/**
 * Bounds the hangs. --timeout-ms counts from an attempt's start, before the request is sent, so it
 * also bounds the harness's own work for ordinary requests: on a busy machine the first requests
 * of a run wait over a second for the transport thread to start. 500 ms ended them all.
 */
const hangTimeoutMs = 3000;

describe.each([1, 8, 32])('an authentication error at concurrency %i', (concurrency) => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;

  beforeAll(async () => {
    server = await startMockServer({
      profiles: constantMockProfiles(
        { id: 'locked', ttftMs: 20, tokensPerSecond: 1000, answer: { policy: 'echo' } },
        { id: 'hanging', ttftMs: 20, tokensPerSecond: 1000, answer: { policy: 'echo' } },
      ),
      faultPlan: [
        { kind: 'auth', count: 1, match: { model: 'locked' } },
        { kind: 'hang', count: 2, match: { model: 'hanging' } },
      ],
    });
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  it('stops only its target at once (exit code 3, STOPPED); --timeout-ms bounds the hangs of the other', async () => {
    const dataset = await workspace.write('cases.jsonl', jsonl(caseIds.map((id) => ({ id, prompt: promptOf(id) }))));
    const folder = join(workspace.path, 'run');
    const result = await runCli([
      'run', '--dataset', dataset,
      '--target', `locked=openai-compatible:locked@${server.url}/v1`,
      '--target', `hanging=openai-compatible:hanging@${server.url}/v1`,
      '--concurrency', String(concurrency), '--warmup', '0', '--timeout-ms', String(hangTimeoutMs), '--stall-timeout-ms', '20000', '--out', folder,
    ], { timeoutMs: hangGuardMs });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/STOPPED locked: authentication failed \(HTTP 401\)/);
    expect(result.stdout).toContain('INCOMPLETE');
    const outputs = await readRunOutputs(folder);
    expect(outputs.manifest.status).toBe('incomplete');
    expect(outputs.manifest.stoppedTargets?.map((stopped) => stopped.target)).toEqual(['locked']);

    // Never retried: the one 401 is its slot's final attempt. Only requests already in flight
    // when it came back were still sent, and each is recorded.
    const locked = outputs.lines.filter((line) => line.target === 'locked');
    const authErrors = locked.filter((line) => line.status === 'error');
    expect(authErrors).toHaveLength(1);
    expect(authErrors[0]).toMatchObject({ attempt: 1, final: true, error: { type: 'auth', httpStatus: 401 } });
    const sent = server.requests().filter((request) => request.model === 'locked');
    expect(locked).toHaveLength(sent.length);
    expect(sent.length).toBeLessThanOrEqual(Math.min(concurrency, caseCount));
    for (const tally of slotTallies(outputs, 'locked', caseIds)) {
      expect(tally.finals).toBeLessThanOrEqual(1);
      expect(tally.answers).toBeLessThanOrEqual(1);
    }

    // The other target finishes every case; a request that never answers ends at --timeout-ms.
    for (const tally of slotTallies(outputs, 'hanging', caseIds)) expect(tally).toMatchObject({ finals: 1 });
    const hung = outputs.lines.filter((line) => line.target === 'hanging' && line.status === 'error');
    expect(hung).toHaveLength(2);
    for (const line of hung) {
      expect(line).toMatchObject({ final: true, error: { type: 'timeout' } });
      expect(line.error?.message).toContain(`${hangTimeoutMs} ms (--timeout-ms)`);
    }
    expect(outputs.summary.find((row) => row.target === 'hanging')).toMatchObject({ requests: String(caseCount), ok: String(caseCount - 2) });
  }, hangGuardMs);
});
