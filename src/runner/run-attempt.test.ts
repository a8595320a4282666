import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Case } from '../datasets/case.ts';
import { constantMockProfiles, startMockServer, type MockRequestRecord, type MockServer } from '../mock/index.ts';
import { resolveTargets, type Target } from '../targets/index.ts';
import { runAttempt } from './run-attempt.ts';

/**
 * Where the clock starts and where chunks are stamped, checked with real sockets against the
 * simulator's ground truth. Each test opens a gap of a second exactly where a wrong clock would
 * count it (before the request is written, or while the main thread is busy), and requires the
 * TTFT to miss the server's by less than half of it: a machine busy enough to add half a second
 * to one request does not happen, and a wrong clock adds the whole second, every time.
 */
const gapMs = 1000;
const plannedTtftMs = 300;
const testCase: Case = { id: 'c1', line: 1, messages: [{ role: 'user', content: 'hi' }], assert: [], tags: [], vars: {} };
const settings = { timeoutMs: 30_000, stallTimeoutMs: 20_000 };
const dependencies = { redact: (text: string) => text, countTokens: (text: string) => text.length };

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * The simulator stamps a chunk just after writing it (src/mock/respond.ts): a simulator thread
 * that waits for a core between the two (the suite runs beside busy processes) stamps it late,
 * and the truth reads longer than what was sent (measured once: 1.97 ms under a load of 10).
 */
const truthSlackMs = 5;

async function startSimulator(): Promise<MockServer> {
  server = await startMockServer({
    profiles: constantMockProfiles({ id: 'steady', ttftMs: plannedTtftMs, tokensPerSecond: 50, answer: { policy: 'fixed', text: 'one two three' } }),
  });
  return server;
}

/** The target, with `aroundFetch` told when the SDK calls fetch (on this thread's clock). */
function targetAt(url: string, aroundFetch: (calledAt: number) => void): Target {
  const [target] = resolveTargets([`openai-compatible:steady@${url}/v1`], { environment: {}, prices: new Map() });
  return {
    ...target!,
    createModel: (fetch) =>
      target!.createModel(async (input, init) => {
        aroundFetch(performance.now());
        return fetch(input, init);
      }),
  };
}

/** The server's TTFT for its only request: from its arrival to the first content chunk it wrote. */
function truthTtft(record: MockRequestRecord | undefined): number {
  if (!record?.chunkTimes[0]) throw new Error('the simulator recorded no answer');
  return record.chunkTimes[0] - record.arrivedAt;
}

/** The simulator's wall-clock stamps on this thread's `performance.now()` clock. */
const local = (epoch: number) => epoch - performance.timeOrigin;

describe('runAttempt: what the TTFT clock counts', () => {
  it.skipIf(process.platform === 'win32')('starts at the first write to the socket, not at fetch(): a second spent getting a connection is not TTFT', async () => {
    const simulator = await startSimulator();
    // Host name lookups run on libuv's thread pool, shared by every thread of the process: while
    // the pool is held, the request waits for its connection between fetch() and its first write.
    const pool = await holdThreadPool();
    let fetchCalledAt = Number.NaN;
    let result;
    try {
      result = await runAttempt(
        targetAt(`http://localhost:${simulator.port}`, (calledAt) => {
          fetchCalledAt = calledAt;
          setTimeout(() => void pool.release(), gapMs);
        }),
        testCase,
        settings,
        dependencies,
      );
    } finally {
      await pool.release();
    }
    const [record] = simulator.requests();
    expect(result.error).toBeUndefined();
    // The premise: the request reached the server a second after fetch() was called.
    expect(local(record!.arrivedAt) - fetchCalledAt).toBeGreaterThan(gapMs * 0.9);
    const error = result.timing.ttftMs! - truthTtft(record);
    console.log(`connection wait ${(local(record!.arrivedAt) - fetchCalledAt).toFixed(0)} ms; TTFT - truth ${error.toFixed(2)} ms`);
    expect(error).toBeLessThan(gapMs / 2);
    // Never shorter than the server's own: the clock started before the request arrived.
    expect(error).toBeGreaterThan(-truthSlackMs);
  });

  it('stamps chunks as they arrive, not when the main thread gets to them: a main thread busy for a second is not TTFT', async () => {
    const simulator = await startSimulator();
    let busy: { from: number; to: number } | undefined;
    const result = await runAttempt(
      targetAt(simulator.url, () => {
        // Busy from well before the first chunk is due until well after: the SDK parses it
        // only then, as it would after a long garbage collection or another stream's parsing.
        setTimeout(() => {
          const from = performance.now();
          while (performance.now() - from < gapMs);
          busy = { from, to: performance.now() };
        }, plannedTtftMs / 3);
      }),
      testCase,
      settings,
      dependencies,
    );
    const [record] = simulator.requests();
    expect(result.error).toBeUndefined();
    // The premise: the first chunk reached this process while its main thread was busy.
    expect(busy).toBeDefined();
    expect(local(record!.chunkTimes[0]!)).toBeGreaterThan(busy!.from);
    expect(local(record!.chunkTimes[0]!)).toBeLessThan(busy!.to - gapMs / 2);
    const error = result.timing.ttftMs! - truthTtft(record);
    console.log(`main thread busy ${(busy!.to - local(record!.chunkTimes[0]!)).toFixed(0)} ms after the first chunk left; TTFT - truth ${error.toFixed(2)} ms`);
    expect(error).toBeLessThan(gapMs / 2);
    expect(error).toBeGreaterThan(-truthSlackMs);
  });
});

/**
 * Holds every thread of libuv's pool (default 4, or UV_THREADPOOL_SIZE) in a blocking open of a
 * FIFO, which returns only once a writer opens it: a wait of exactly as long as the test says,
 * however fast or busy the machine. POSIX only (mkfifo).
 */
async function holdThreadPool(): Promise<{ release(): Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'thread-pool-'));
  const fifo = join(folder, 'hold');
  execFileSync('mkfifo', [fifo]);
  const threads = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  const readers = Array.from({ length: threads }, () => open(fifo, 'r'));
  let released: Promise<void> | undefined;
  return {
    release() {
      released ??= (async () => {
        // Opened without blocking, on this thread (the pool's threads are the ones waiting), and
        // kept open until every reader is through: one that opened after it closed would wait on.
        let writer: number | undefined;
        while (writer === undefined) {
          try {
            writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
          } catch {
            // ENXIO: no reader has opened it yet.
            await new Promise((resolve) => setTimeout(resolve, 1));
          }
        }
        for (const reader of await Promise.all(readers)) await reader.close();
        closeSync(writer);
        await rm(folder, { recursive: true, force: true });
      })();
      return released;
    },
  };
}
