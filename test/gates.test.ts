import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';

// 60 sums; the simulator answers each from its expected answer unless an answer book says otherwise.
const cases = Array.from({ length: 60 }, (_, index) => ({ id: `sum-${index + 1}`, prompt: `What is ${index + 1} plus ${index + 1}?`, expected: String(2 * (index + 1)) }));
const wrong = cases.slice(0, 10).map((item) => ({ match: { caseId: item.id }, reply: 'I am not sure.' }));
const target = 'simulated:openai:gpt-4o-mini';

/** `run` with gates, on the built-in simulator: what a CI job sees. */
describe('gates in llm-bench run', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  const run = (args: string[]) => runCli(['run', '-t', target, '--warmup', '0', '--concurrency', '16', ...args], { cwd: workspace.path });

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await mkdir(path.join(workspace.path, 'right'));
    await mkdir(path.join(workspace.path, 'wrong', 'answer-books'), { recursive: true });
    await workspace.write('right/cases.jsonl', jsonl(cases));
    await workspace.write('wrong/cases.jsonl', jsonl(cases));
    await workspace.write('wrong/answer-books/cases.answers.jsonl', jsonl(wrong));
  });
  afterAll(async () => {
    await workspace?.remove();
  });

  it('refuses a misspelled figure with exit code 2 before anything is sent, from a flag and from the eval file at its line', async () => {
    const flagged = await run(['-d', 'right/cases.jsonl', '--gate', 'pass_rat >= 0.9', '--out', 'typo']);
    expect(flagged.exitCode).toBe(2);
    expect(flagged.stderr).toContain('llm-bench: --gate "pass_rat >= 0.9": unknown figure "pass_rat"; did you mean pass_rate?');
    await workspace.write('llm-bench.yaml', `datasets: [right/cases.jsonl]\ntargets: [${target}]\ngates:\n  checks:\n    - ttft_p50_ms <= 800\n    - ttft_p05 ratio <= 1.2\n`);
    const filed = await runCli(['run', '--out', 'typo'], { cwd: workspace.path });
    expect(filed.exitCode).toBe(2);
    expect(filed.stderr).toContain('llm-bench.yaml:6: gates.checks[1]: unknown figure "ttft_p05"; did you mean ttft_p50?');
    expect(await readdir(workspace.path)).not.toContain('typo');
  });

  it('passes clear gates with exit code 0, then fails --max-drop 5 against that run when 10 of 60 answers turn wrong (exit 4)', async () => {
    const base = await run(['-d', 'right/cases.jsonl', '--gate', 'pass_rate >= 0.9', '--gate', 'ttft_p50 <= 60000', '--out', 'base']);
    expect(base.stderr).toBe('');
    expect(base.exitCode).toBe(0);
    expect(base.stdout).toContain(`GATE PASSED pass_rate >= 0.9: ${target}: pass rate 100.0% (60 of 60 cases); 95% upper bound 100.0% is not below 90.0%`);
    expect(base.stdout).toMatch(/GATE PASSED ttft_p50_ms <= 60000: simulated:openai:gpt-4o-mini: ttft p50 [\d.]+ ms \[[\d.]+–[\d.]+\] \(90% distribution-free interval, n=60\) is not shown above 60000 ms/);

    const regressed = await run(['-d', 'wrong/cases.jsonl', '--baseline-run', 'base', '--max-drop', '5', '--out', 'regressed']);
    expect(regressed.stderr).toBe('');
    expect(regressed.exitCode).toBe(4);
    expect(regressed.stdout).toMatch(
      /GATE FAILED pass_rate drop <= 5: simulated:openai:gpt-4o-mini: pass rate 100\.0% → 83\.3% \(−16\.7 points over 60 paired cases, 10 lost and 0 gained\); 95% upper bound of the change −\d+\.\d points: a drop of more than 5 points/,
    );
  }, 120_000);
});
