import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { unwrapLines } from './support/unwrap-lines.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';

describe('--min-pass-rate, the CI quality gate: pass_rate >= R, tested one-sided', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let dataset: string;

  beforeAll(async () => {
    // Every answer is "Paris": three of the four cases pass.
    server = await startMockServer({ profiles: constantMockProfiles({ id: 'paris', ttftMs: 5, tokensPerSecond: 1000, answer: { policy: 'fixed', text: 'Paris' } }) });
    workspace = await makeWorkspace();
    dataset = await workspace.write(
      'cases.jsonl',
      jsonl([
        { id: 'france', prompt: 'Capital of France?', expected: 'Paris' },
        { id: 'france-again', prompt: 'And the capital of France once more?', expected: 'Paris' },
        { id: 'texas', prompt: 'A town in Texas named after a European capital?', expected: 'Paris' },
        { id: 'england', prompt: 'Capital of England?', expected: 'London' },
      ]),
    );
  });
  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  const run = (minPassRate: string, folder: string) =>
    runCli(['run', '--dataset', dataset, '--target', `openai-compatible:paris@${server.url}/v1`, '--warmup', '0', '--min-pass-rate', minPassRate, '--out', join(workspace.path, folder)]);

  it('fails the run with exit code 4, naming the target and the test, when its pass rate is shown below the threshold', async () => {
    // 3 of 4: the 95% upper bound is 0.95^(1/4) = 98.7%, below 99%.
    const result = await run('0.99', 'strict');
    expect(result.exitCode).toBe(4);
    expect(unwrapLines(result.stdout)).toContain(
      `GATE FAILED pass_rate >= 0.99: openai-compatible:paris@${server.url}/v1: pass rate 75.0% (3 of 4 cases); 95% upper bound 98.7% is below 99.0% (exact one-sided binomial test, α 0.05, achieved α 0.039; summary.csv's Wilson interval may differ)`,
    );
  });

  it('passes (exit code 0) a rate that 4 cases cannot show below 0.8, warning of the power, and refuses a rate outside 0..1', async () => {
    const lenient = await run('0.8', 'lenient');
    expect(lenient.exitCode).toBe(0);
    expect(lenient.stdout).toContain('GATE PASSED pass_rate >= 0.8: ');
    expect(unwrapLines(lenient.stdout)).toMatch(/WARNING: power \d+\.\d% against a pass rate of 75\.0%: \d+ cases would give 80%/);
    const refused = await run('75', 'refused');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('Expected --min-pass-rate to be a number from 0 to 1, got `75`');
  });
});
