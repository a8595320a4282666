import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockRequestRecord, type MockServer } from '../src/mock/index.ts';
import { jsonl, makeWorkspace, readJsonLines } from './support/run-folder.ts';
import { runCli } from './support/run-cli.ts';

// Six questions about one shared document of about 6000 simulator tokens: 5 whole cache blocks
// of 1024 and more; each case's question comes after it.
const document = Array.from({ length: 3000 }, (_, index) => `clause${index % 211} reads`).join(' ');
const cases = Array.from({ length: 6 }, (_, index) => ({
  id: `q${index + 1}`,
  prompt: `<document>${document}</document>\nWhat does clause ${index + 1} say?`,
  expected: 'reads',
}));
const coldTtftMs = 200;

type CacheRecord = {
  caseId: string;
  status: string;
  usage: { inputTokens?: number; cachedInputTokens?: number };
  cacheBusted?: true;
};

/** The simulator's own time to first token: when the first chunk was due, from when the request was served. */
const simulatedTtftMs = (request: MockRequestRecord) => request.plannedChunkTimes[0]! - (request.startedAt ?? request.arrivedAt);

/** `run` on a dataset whose cases share a long prefix, against the simulator's prompt cache. */
describe('prompt-cache-aware timing', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  beforeAll(async () => {
    workspace = await makeWorkspace();
    await workspace.write('shared.jsonl', jsonl(cases));
    server = await startMockServer({
      profiles: constantMockProfiles({ id: 'm', ttftMs: coldTtftMs, tokensPerSecond: 1000, answer: { policy: 'fixed', text: 'reads' } }),
    });
  });
  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  /** One run, one request at a time; its records and the simulator's ground truth of its requests, warm-up first. */
  async function run(out: string, ...flags: string[]) {
    const before = server.requests().length;
    const result = await runCli(
      ['run', '-d', 'shared.jsonl', '-t', `m=openai-compatible:m@${server.url}/v1`, '--concurrency', '1', '--warmup', '1', '--out', out, ...flags],
      { cwd: workspace.path },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const records = await readJsonLines<CacheRecord>(`${workspace.path}/${out}/results.jsonl`);
    const [warmUp, ...sent] = server.requests().slice(before);
    expect(sent).toHaveLength(records.length);
    return { records, warmUp: warmUp!, sent };
  }

  it('without --cache-bust, the first case is cold and the rest warm: cached tokens in their records, and the simulator served them faster', async () => {
    const { records, warmUp, sent } = await run('warm');
    expect(records.map((record) => record.status)).toEqual(cases.map(() => 'ok'));
    // The warm-up sent the first case too, but with a nonce of its own: it warmed no prefix.
    expect(simulatedTtftMs(warmUp)).toBeCloseTo(coldTtftMs, 3);
    const [first, ...rest] = records;
    expect(first!.usage.cachedInputTokens).toBe(0);
    expect(simulatedTtftMs(sent[0]!)).toBeCloseTo(coldTtftMs, 3);
    for (const [index, record] of rest.entries()) {
      const cached = record.usage.cachedInputTokens!;
      expect(cached, record.caseId).toBeGreaterThanOrEqual(5 * 1024);
      expect(cached % 1024, record.caseId).toBe(0);
      expect(cached).toBeLessThan(record.usage.inputTokens!);
      // The simulator prefilled the cached share at 0.2 of its cold time.
      const share = cached / record.usage.inputTokens!;
      expect(simulatedTtftMs(sent[index + 1]!), record.caseId).toBeCloseTo(coldTtftMs * (1 - 0.8 * share), 3);
      expect(simulatedTtftMs(sent[index + 1]!)).toBeLessThan(coldTtftMs * 0.5);
    }
    expect(records.some((record) => record.cacheBusted)).toBe(false);
  });

  it.each([['sdk'], ['lean']])('with --cache-bust (%s engine), no case is warm, and every record says it was busted', async (engine) => {
    const { records, sent } = await run(`busted-${engine}`, '--cache-bust', '--engine', engine);
    expect(records).toHaveLength(cases.length);
    for (const record of records) {
      expect(record.usage.cachedInputTokens, record.caseId).toBe(0);
      expect(record.cacheBusted, record.caseId).toBe(true);
    }
    for (const request of sent) expect(simulatedTtftMs(request)).toBeCloseTo(coldTtftMs, 3);
  });
});
