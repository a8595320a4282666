import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readCsv } from './support/run-folder.ts';

// "Yes, it is." is 5 tokens to the simulator: in one chunk, then its finish and usage.
const shortAnswer = 'Yes, it is.';
// 16 tokens of 4 characters (the first has no leading space: 3), in 4 chunks of 4, 200 ms apart.
const longAnswer = 'aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk lll mmm nnn ooo ppp';

describe('the decode window, end to end: the real CLI against the simulator', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let rows: Array<Record<string, string>>;

  beforeAll(async () => {
    server = await startMockServer({
      profiles: constantMockProfiles(
        { id: 'one-chunk', ttftMs: 100, tokensPerChunk: 1000, answer: { policy: 'fixed', text: shortAnswer } },
        { id: 'four-chunks', ttftMs: 100, tokensPerSecond: 20, tokensPerChunk: 4, answer: { policy: 'fixed', text: longAnswer } },
      ),
    });
    workspace = await makeWorkspace();
    const dataset = await workspace.write('cases.jsonl', jsonl([{ id: 'q', prompt: 'Is Paris the capital of France?' }]));
    // One run per target: each answer is measured on its own.
    const runOne = async (model: string) => {
      const folder = join(workspace.path, model);
      const result = await runCli(['run', '--dataset', dataset, '--target', `openai-compatible:${model}@${server.url}/v1`, '--out', folder]);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      return readCsv(join(folder, 'results.csv'));
    };
    rows = (await Promise.all([runOne('one-chunk'), runOne('four-chunks')])).flat();
  });

  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  const rowOf = (model: string) => {
    const row = rows.find((candidate) => candidate.target === `openai-compatible:${model}@${server.url}/v1`);
    if (!row) throw new Error(`no row for ${model}`);
    return row;
  };

  it('leaves output_tps empty for an answer in one chunk, and gives its tpot_ms from e2e', () => {
    const row = rowOf('one-chunk');
    expect(row).toMatchObject({ status: 'ok', output: shortAnswer, output_tokens: '5', chunk_count: '1', output_tps: '' });
    // (e2e − ttft) / (N − 1), from the row's own figures (rounded to the microsecond).
    expect(Number(row.tpot_ms)).toBeCloseTo((Number(row.e2e_ms) - Number(row.ttft_ms)) / 4, 2);
    expect(row.tpot_ms).not.toBe('');
  });

  it('reads the told 20 tokens/s for 4 chunks of 4 tokens, not the 26.7 of all tokens over the window', () => {
    const row = rowOf('four-chunks');
    expect(row).toMatchObject({ status: 'ok', output_tokens: '16', chunk_count: '4' });
    const [record] = server.requests().filter((request) => request.model === 'four-chunks');
    // The tokens after the first chunk (48 of its 63 characters), over the span the server wrote them in.
    const served = record!.chunkTimes;
    const truth = ((16 * 48) / 63) / ((served.at(-1)! - served[0]!) / 1000);
    expect(truth).toBeGreaterThan(16);
    expect(truth).toBeLessThan(24);
    // Chunks stamped on arrival: the window moves only by how late a chunk was read.
    expect(Number(row.output_tps)).toBeGreaterThan(truth * 0.85);
    expect(Number(row.output_tps)).toBeLessThan(truth * 1.15);
    expect(Number(row.tpot_ms)).toBeCloseTo((Number(row.e2e_ms) - Number(row.ttft_ms)) / 15, 2);
  });
});
