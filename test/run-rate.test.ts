import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';

describe('--rate', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;

  beforeAll(async () => {
    server = await startMockServer({ profiles: constantMockProfiles({ id: 'steady', ttftMs: 5, tokensPerSecond: 1000, answer: { policy: 'echo' } }) });
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  it('starts requests evenly spaced at the rate asked, though the concurrency would allow them all at once', async () => {
    const dataset = await workspace.write('cases.jsonl', jsonl(Array.from({ length: 6 }, (_, index) => ({ id: `c${index}`, prompt: `item ${index}` }))));
    const result = await runCli([
      'run', '--dataset', dataset, '--target', `openai-compatible:steady@${server.url}/v1`, '--concurrency', '6', '--warmup', '1', '--rate', '10',
      '--out', join(workspace.path, 'paced'),
    ]);
    expect(result.exitCode).toBe(0);
    // After the warm-up, which pays the process's first-call costs and is not paced.
    const arrivals = server.requests().map((request) => request.arrivedAt).sort((a, b) => a - b).slice(1);
    expect(arrivals).toHaveLength(6);
    // Told 100 ms apart, on a fixed schedule: the k-th start is due k intervals after the first.
    // A busy machine sends a request late, never early, so each of the others arrives at least
    // k - 1 intervals after the first (one interval spared for the first's own lateness). Not
    // the gaps themselves: a request sent late shortens the gap after it (0.7 ms once, with two
    // busy processes on 2 cores). Unpaced starts would all come within a few milliseconds.
    const sinceFirst = arrivals.map((at) => at - arrivals[0]!);
    const shown = sinceFirst.map((offset) => offset.toFixed(1)).join(' ');
    sinceFirst.forEach((offset, k) => expect(offset, shown).toBeGreaterThanOrEqual((k - 1) * 100));
  });

  it('refuses a rate that is not a positive number', async () => {
    const dataset = await workspace.write('one.jsonl', jsonl([{ prompt: 'hi' }]));
    const result = await runCli(['run', '--dataset', dataset, '--target', `openai-compatible:steady@${server.url}/v1`, '--rate', '0']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Expected --rate to be a number from 0.001 to 10000 requests per second, got `0`');
  });
});
