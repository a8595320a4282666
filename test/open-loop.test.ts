import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import type { AttemptRecord } from '../src/records/index.ts';
import { arrivalSchedule } from '../src/runner/arrival-schedule.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readJsonLines } from './support/run-folder.ts';

const cases = Array.from({ length: 24 }, (_, index) => ({ id: `q-${index + 1}`, prompt: `Say ${index + 1}.`, expected: String(index + 1) }));
const rate = 80;

/** `run --rate --arrival poisson` against the simulator: the records' schedule is the seed's. */
describe('open-loop arrivals in llm-bench run', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  const run = async (out: string, seed: number, extra: string[] = []) => {
    const result = await runCli(
      ['run', '-d', 'cases.jsonl', '-t', `quick=openai-compatible:quick@${server.url}/v1`, '--warmup', '0', '--concurrency', '64', '--rate', String(rate), '--arrival', 'poisson', '--seed', String(seed), '--out', out, ...extra],
      { cwd: workspace.path },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    return readJsonLines<AttemptRecord>(join(workspace.path, out, 'results.jsonl'));
  };
  const scheduled = (records: AttemptRecord[]) => records.map((record) => record.schedule?.scheduledMs ?? Number.NaN).sort((a, b) => a - b);

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await workspace.write('cases.jsonl', jsonl(cases));
    server = await startMockServer({
      cases,
      profiles: constantMockProfiles({ id: 'quick', ttftMs: 5, tokensPerSecond: 2000, answer: { policy: 'oracle', accuracy: 1 } }),
    });
  });
  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  it('gives every record its scheduled time from --seed, its send and a dispatch delay ≥ 0, and TTFT from the scheduled time ≥ TTFT', async () => {
    const first = await run('first', 5);
    const again = await run('again', 5);
    const other = await run('other', 6);
    expect(first).toHaveLength(cases.length);
    // The plan's 24 slots at the seed's poisson times: the same seed, the same schedule; another seed, another.
    const expected = Array.from(arrivalSchedule(cases.length, { process: 'poisson', ratePerSecond: rate, seed: 5 }));
    expect(scheduled(first)).toEqual(expected);
    expect(scheduled(again)).toEqual(expected);
    expect(scheduled(other)).not.toEqual(expected);
    expect(scheduled(other)).toHaveLength(cases.length);
    for (const record of first) {
      expect(record.status).toBe('ok');
      const { scheduledMs, sentMs, dispatchDelayMs } = record.schedule ?? {};
      expect(sentMs).toBeTypeOf('number');
      expect(dispatchDelayMs).toBeGreaterThanOrEqual(0);
      expect(dispatchDelayMs).toBeCloseTo(sentMs! - scheduledMs!, 9);
      expect(record.timing.ttftFromScheduledMs).toBeCloseTo(record.timing.ttftMs! + dispatchDelayMs!, 9);
      expect(record.timing.e2eFromScheduledMs).toBeCloseTo(record.timing.e2eMs! + dispatchDelayMs!, 9);
    }
  });

  it('refuses --arrival without --rate with exit code 2, naming the flags, before anything is sent', async () => {
    const before = server.requests().length;
    const result = await runCli(['run', '-d', 'cases.jsonl', '-t', `quick=openai-compatible:quick@${server.url}/v1`, '--arrival', 'poisson', '--out', 'norate'], { cwd: workspace.path });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--arrival sets open-loop arrivals, which need a rate: add --rate');
    expect(server.requests().length).toBe(before);
  });
});
