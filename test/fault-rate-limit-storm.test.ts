import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/mock/index.ts';
import { mockProfilesSchema } from '../src/config/mock-profile-schema.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';
import { countBy, readRunOutputs, slotTallies, type RunOutputs } from './support/run-outputs.ts';

const caseCount = 30;
const caseIds = Array.from({ length: caseCount }, (_, index) => `case-${index}`);
const promptOf = (caseId: string) => `say ${caseId} and nothing else`;

describe('a rate-limit storm: 40% of requests get a 429 (retry-after-ms 250), 16 in flight', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let result: Awaited<ReturnType<typeof runCli>>;
  let outputs: RunOutputs;

  beforeAll(async () => {
    server = await startMockServer({
      profiles: mockProfilesSchema.parse({
        models: [{ id: 'busy', ttftMs: { p50: 20, p90: 40 }, tokensPerSecond: 2000, faultRates: { rate_limit_ms: 0.4 }, answer: { policy: 'echo' } }],
      }),
      seed: 7,
    });
    workspace = await makeWorkspace();
    // Echo answers pass their assertion: every answered case is right, so a 429 counted as a
    // wrong answer would show in the pass rate.
    const dataset = await workspace.write(
      'cases.jsonl',
      jsonl(caseIds.map((id) => ({ id, prompt: promptOf(id), assert: [{ type: 'contains', value: id }] }))),
    );
    const folder = join(workspace.path, 'run');
    // Enough retries that no case runs out of them (0.4^11 per case).
    result = await runCli([
      'run', '--dataset', dataset, '--target', `busy=openai-compatible:busy@${server.url}/v1`,
      '--concurrency', '16', '--warmup', '0', '--retries', '10', '--out', folder,
    ]);
    outputs = await readRunOutputs(folder);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  it('completes with exit code 0: rate limits slow a target down, they never stop it', () => {
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('STOPPED');
    expect(outputs.manifest.status).toBe('completed');
  });

  it('answers every case exactly once', () => {
    for (const tally of slotTallies(outputs, 'busy', caseIds)) expect(tally, tally.caseId).toEqual({ caseId: tally.caseId, finals: 1, answers: 1 });
  });

  it('never sends again a request that succeeded: one 200 per case at the server', () => {
    const requests = server.requests();
    const rateLimited = requests.filter((request) => request.status === 429);
    expect(rateLimited.length).toBeGreaterThan(5);
    const answered = requests.filter((request) => request.status === 200);
    const perPrompt = countBy(answered, (request) => request.answer);
    expect(perPrompt.size).toBe(caseCount);
    expect([...perPrompt.values()].every((count) => count === 1)).toBe(true);
    expect(requests).toHaveLength(answered.length + rateLimited.length);
    // Every request sent is an attempt recorded.
    expect(outputs.lines).toHaveLength(requests.length);
  });

  it('records each 429 as a rate_limited attempt with the server hint, unscored', () => {
    const limited = outputs.rows.filter((row) => row.status === 'error');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.length).toBe(server.requests().filter((request) => request.status === 429).length);
    for (const row of limited) {
      expect(row).toMatchObject({ error_type: 'rate_limited', http_status: '429', retry_after_ms: '250', final: 'false', score: '', passed: '' });
    }
  });

  it('never counts a 429 as a wrong answer: quality is over answered requests', () => {
    const [summary] = outputs.summary;
    expect(summary).toMatchObject({
      requests: String(caseCount),
      success_rate: '1',
      ok: String(caseCount),
      unanswered: '0',
      scored: String(caseCount),
      passed: String(caseCount),
      pass_rate: '1',
      error_counts: '',
    });
    expect(Number(summary?.first_attempt_success_rate)).toBeLessThan(1);
    expect(Number(summary?.attempts)).toBe(outputs.lines.length);
  });
});
