import { readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { unwrapLines } from './support/unwrap-lines.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';

// 60 sums. Model `right` answers every one right; `regressed` answers the first 10 wrong.
const cases = Array.from({ length: 60 }, (_, index) => ({ id: `sum-${index + 1}`, prompt: `What is ${index + 1} plus ${index + 1}?`, expected: String(2 * (index + 1)) }));
const regressedBook = cases.map((item, index) => ({ match: { caseId: item.id }, reply: index < 10 ? 'I am not sure.' : item.expected }));

/** `run` with gates, against a local server: what a CI job sees. */
describe('gates in llm-bench run', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  const target = (model: string) => `mini=openai-compatible:${model}@${server.url}/v1`;
  const run = (args: string[]) => runCli(['run', '-d', 'cases.jsonl', '--warmup', '0', '--concurrency', '16', ...args], { cwd: workspace.path });

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await workspace.write('cases.jsonl', jsonl(cases));
    const book = await workspace.write('regressed.answers.jsonl', jsonl(regressedBook));
    server = await startMockServer({
      cases: cases.map((item) => ({ id: item.id, prompt: item.prompt, expected: item.expected })),
      profiles: constantMockProfiles(
        { id: 'right', ttftMs: 5, tokensPerSecond: 1000, answer: { policy: 'oracle', accuracy: 1 } },
        { id: 'regressed', ttftMs: 5, tokensPerSecond: 1000, answer: { policy: 'book', path: book } },
      ),
    });
  });
  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  it('refuses a misspelled figure with exit code 2 before anything is sent, from a flag and from the eval file at its line', async () => {
    const flagged = await run(['-t', target('right'), '--gate', 'pass_rat >= 0.9', '--out', 'typo']);
    expect(flagged.exitCode).toBe(2);
    expect(flagged.stderr).toContain('llm-bench: --gate "pass_rat >= 0.9": unknown figure "pass_rat"; did you mean pass_rate?');
    await workspace.write('typo.yaml', `datasets: [cases.jsonl]\ntargets: ['${target('right')}']\ngates:\n  checks:\n    - ttft_p50_ms <= 800\n    - ttft_p05 ratio <= 1.2\n`);
    const filed = await runCli(['run', '--config', 'typo.yaml', '--out', 'typo'], { cwd: workspace.path });
    expect(filed.exitCode).toBe(2);
    expect(filed.stderr).toContain('typo.yaml:6: gates.checks[1]: unknown figure "ttft_p05"; did you mean ttft_p50?');
    expect(await readdir(workspace.path)).not.toContain('typo');
    expect(server.requests()).toEqual([]);
  });

  it('passes clear gates with exit code 0, then fails --max-drop 5 against that run when 10 of 60 answers turn wrong (exit 4)', async () => {
    const base = await run(['-t', target('right'), '--gate', 'pass_rate >= 0.9', '--gate', 'ttft_p50 <= 60000', '--out', 'base']);
    expect(base.stderr).toBe('');
    expect(base.exitCode).toBe(0);
    expect(unwrapLines(base.stdout)).toContain('GATE PASSED pass_rate >= 0.9: mini: pass rate 100.0% (60 of 60 cases); 95% upper bound 100.0% is not below 90.0%');
    expect(unwrapLines(base.stdout)).toMatch(/GATE PASSED ttft_p50_ms <= 60000: mini: ttft p50 [\d.]+ ms \[[\d.]+–[\d.]+\] \(90% distribution-free interval, n=60\) is not shown above 60000 ms/);

    const regressed = await run(['-t', target('regressed'), '--baseline-run', 'base', '--max-drop', '5', '--out', 'regressed']);
    expect(regressed.stderr).toBe('');
    expect(regressed.exitCode).toBe(4);
    expect(unwrapLines(regressed.stdout)).toMatch(
      /GATE FAILED pass_rate drop <= 5: mini: pass rate 100\.0% → 83\.3% \(−16\.7 points over 60 paired cases, 10 lost and 0 gained\); 95% upper bound of the change −9\.6 points: a drop of more than 5 points/,
    );

    // The same run again, now as its own baseline, or against a run of other cases: refused before
    // anything is sent.
    const sentBefore = server.requests().length;
    const itself = await runCli(['run', '--resume', 'regressed', '--baseline-run', 'regressed', '--max-drop', '5'], { cwd: workspace.path });
    expect(itself.exitCode).toBe(2);
    expect(itself.stderr).toContain('--baseline-run regressed: is this run\'s own folder');
    await workspace.write('other.jsonl', jsonl([{ id: 'elsewhere', prompt: 'Say hi.', expected: 'hi' }]));
    const disjoint = await runCli(['run', '-d', 'other.jsonl', '-t', target('right'), '--warmup', '0', '--baseline-run', 'base', '--max-drop', '5', '--out', 'disjoint'], { cwd: workspace.path });
    expect(disjoint.exitCode).toBe(2);
    expect(disjoint.stderr).toContain('--baseline-run base: no case in common with this run');
    expect(server.requests()).toHaveLength(sentBefore);
  }, 120_000);

  it('report rewrites a run whose baseline run is gone without judging its drop gate again, its own gates still judged', async () => {
    const before = await run(['-t', target('right'), '--out', 'kept-base']);
    expect(before.exitCode).toBe(0);
    const passed = await run(['-t', target('right'), '--baseline-run', 'kept-base', '--max-drop', '5', '--gate', 'pass_rate >= 0.9', '--out', 'passed']);
    expect(passed.exitCode).toBe(0);
    await rename(join(workspace.path, 'kept-base'), join(workspace.path, 'moved-base'));
    const rewritten = await runCli(['report', 'passed'], { cwd: workspace.path });
    expect(rewritten.exitCode).toBe(0);
    expect(rewritten.stdout).toContain('Drop and ratio gates are not evaluated again: the baseline run');
    expect(rewritten.stdout).toContain('GATE PASSED pass_rate >= 0.9');
    expect(rewritten.stdout).not.toContain('GATE FAILED');
    expect(await readFile(join(workspace.path, 'passed', 'report.md'), 'utf8')).not.toContain('failed');
    // --wide: every figure, as run's table gives it.
    const wide = await runCli(['report', 'passed', '--wide'], { cwd: workspace.path });
    expect(wide.exitCode).toBe(0);
    expect(wide.stdout).toContain('first-try %');
  }, 120_000);
});
