import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockProfilesSchema } from '../src/config/mock-profile-schema.ts';
import { constantMockProfiles, startMockServer, type MockProfiles } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readJsonLines } from './support/run-folder.ts';
import { separateCores, type CoreSeparation } from './support/separate-cores.ts';
import { warmUpMock } from './support/warm-up-mock.ts';

type Measured = { output: string; timing: { ttftMs: number; e2eMs: number } };

/**
 * The harness against ground truth, request by request: the simulator records when each request
 * arrived and when each chunk left; the harness's TTFT and e2e for the same request are compared
 * with them. The answer echoes the prompt, so each measured record pairs with its server record
 * by text.
 *
 * What is held, and why it holds on a busy machine: the harness starts its clock before the
 * request reaches the server and stamps each chunk after it left, so a right harness reads each
 * request a little long, by however long some thread waited for a core. With two busy loops on
 * two cores that wait is tens of milliseconds for many requests, so a mean or a median moves
 * with the machine (2.4–5.7 ms in one clone; the median request at 50 streams read 5–87 ms in
 * 10 runs here), and the 2 ms figure is measured on a quiet machine, by `npm run bench`. What
 * a busy machine cannot do is delay every request: the best-measured one keeps the harness's
 * own error (0.3–2.4 ms in every run here, busy or not). A code regression adds to every request, the
 * best one included: a parse of 17.9 ms before a chunk is stamped puts even the best request
 * 17.9 ms off. So the smallest error is held under 8 ms; and since no delay can make the harness
 * read a request shorter than the server took, early errors are held too (a clock started after
 * the send, a chunk stamped before it arrived).
 *
 * Where the clock starts (the socket write, not fetch()), that a busy main thread is not counted,
 * and that back-off is not, are checked by src/runner/run-attempt.test.ts and run-plan.test.ts,
 * with gaps of a second a busy machine cannot hide.
 *
 * The reference is made fit first, and only the reference: the simulator is warmed up, and it
 * keeps a core of its own while the CLI runs on the others (see warm-up-mock.ts and
 * separate-cores.ts). The CLI is started cold, as a user starts it, with its own `--warmup`.
 */
async function measureAgainstTruth(options: { requests: number; concurrency: number; profiles: MockProfiles }) {
  const server = await startMockServer({ profiles: options.profiles, thread: 'main' });
  const workspace = await makeWorkspace();
  let cores: CoreSeparation | undefined;
  try {
    await warmUpMock(server.url, 'steady');
    cores = separateCores();
    const cases = Array.from({ length: options.requests }, (_, index) => ({ id: `c${index}`, prompt: `Please repeat item ${index} back to me now` }));
    const dataset = await workspace.write('cases.jsonl', jsonl(cases));
    const folder = join(workspace.path, 'run');
    const result = await runCli([
      'run', '--dataset', dataset, '--target', `openai-compatible:steady@${server.url}/v1`,
      '--concurrency', String(options.concurrency), '--warmup', '2', '--out', folder,
    ], { launcher: cores.launcher, timeoutMs: 170_000 });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const measured = await readJsonLines<Measured>(join(folder, 'results.jsonl'));
    const truthByAnswer = new Map(server.requests().map((request) => [request.answer, request]));
    const pairs = measured.map((record) => {
      const truth = truthByAnswer.get(record.output);
      if (!truth) throw new Error(`no server record answered ${JSON.stringify(record.output)}`);
      return {
        ttft: record.timing.ttftMs - ((truth.chunkTimes[0] ?? Number.NaN) - truth.arrivedAt),
        e2e: record.timing.e2eMs - ((truth.chunkTimes.at(-1) ?? Number.NaN) - truth.arrivedAt),
        ttftMs: record.timing.ttftMs,
      };
    });
    expect(pairs).toHaveLength(options.requests);
    return { ttft: errorsOf(pairs.map((pair) => pair.ttft)), e2e: errorsOf(pairs.map((pair) => pair.e2e)), ttftMs: pairs.map((pair) => pair.ttftMs) };
  } finally {
    cores?.restore();
    await server.close();
    await workspace.remove();
  }
}

/** Signed errors (harness minus truth, ms), described by what the assertions hold. */
function errorsOf(differences: number[]) {
  const sorted = [...differences].sort((left, right) => left - right);
  const at = (fraction: number) => sorted[Math.round((sorted.length - 1) * fraction)]!;
  return {
    smallest: sorted[0]!,
    median: at(0.5),
    p90: at(0.9),
    meanAbsolute: sorted.reduce((sum, value) => sum + Math.abs(value), 0) / sorted.length,
    /** The share of requests the harness read shorter than the server took, by more than `earlyMs`. */
    early: sorted.filter((value) => value < -earlyMs).length / sorted.length,
  };
}
type Errors = ReturnType<typeof errorsOf>;

const describeErrors = (errors: Errors) =>
  `smallest ${errors.smallest.toFixed(2)}, median ${errors.median.toFixed(2)}, p90 ${errors.p90.toFixed(2)}, mean |d| ${errors.meanAbsolute.toFixed(2)} ms, early ${(errors.early * 100).toFixed(0)}%`;

/** The harness's own error, seen on the best-measured request: well above it, well below 17.9 ms. */
const smallestBoundMs = 8;
/**
 * Reading short by more than this takes the simulator being descheduled between writing a chunk
 * and stamping it; it happens, rarely, so a few requests may.
 */
const earlyMs = 1;
const earlyShare = 0.05;

function expectWithinBounds(errors: Errors): void {
  expect(errors.smallest).toBeLessThan(smallestBoundMs);
  expect(errors.early).toBeLessThanOrEqual(earlyShare);
}

describe('measured timing against the simulator’s ground truth, request by request', () => {
  it('single streams: the best-measured request within 8 ms, hardly any read short', { timeout: 180_000 }, async () => {
    const profiles = constantMockProfiles({ id: 'steady', ttftMs: 150, tokensPerSecond: 100, answer: { policy: 'echo' } });
    const { ttft, e2e, ttftMs } = await measureAgainstTruth({ requests: 30, concurrency: 1, profiles });
    console.log(`1 stream: TTFT - truth ${describeErrors(ttft)}; e2e - truth ${describeErrors(e2e)}`);
    expectWithinBounds(ttft);
    expectWithinBounds(e2e);
    // Never shorter than the server was told to take (150 ms).
    expect(Math.min(...ttftMs)).toBeGreaterThan(150 - earlyMs);
  });

  it('50 concurrent streams: the best-measured request within 8 ms, hardly any read short', { timeout: 180_000 }, async () => {
    // TTFT spread as real providers spread it (log-normal, p50 300 ms, p90 600 ms), 80 tokens/s.
    const profiles = mockProfilesSchema.parse({
      models: [{ id: 'steady', ttftMs: { p50: 300, p90: 600 }, tokensPerSecond: 80, answer: { policy: 'echo' } }],
    });
    const { ttft, e2e } = await measureAgainstTruth({ requests: 100, concurrency: 50, profiles });
    console.log(`50 streams: TTFT - truth ${describeErrors(ttft)}; e2e - truth ${describeErrors(e2e)}`);
    expectWithinBounds(ttft);
    expectWithinBounds(e2e);
  });
});
