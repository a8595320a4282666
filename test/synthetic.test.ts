import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { makeWorkspace, readCsv, readJsonLines } from './support/run-folder.ts';

type Line = {
  caseId: string;
  dataset?: string;
  status: string;
  usage: { inputTokens?: number; outputTokens?: number };
  finishReason?: string;
  output: string;
  score?: { passed: boolean; unscored?: true; reason: string };
};

/** `run --synthetic` with no dataset, against the built-in simulator: generated cases of set token lengths. */
describe('llm-bench run --synthetic', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  const synthetic = ['--synthetic', 'input=1000,output=50,cases=3', '-t', 'simulated:openai:gpt-4o-mini', '--warmup', '0'];

  beforeAll(async () => {
    workspace = await makeWorkspace();
  });
  afterAll(() => workspace?.remove());

  it('sends prompts of about 1000 input tokens, answered with 50 output tokens cut at max tokens, and checks each length', async () => {
    const result = await runCli(['run', ...synthetic, '--out', 'run'], { cwd: workspace.path });
    expect(result.stdout).toContain('1 simulated target, 3 cases from synthetic.');
    expect(result.stdout).not.toContain('unknown to the simulator');
    expect(result.exitCode).toBe(0);
    const lines = await readJsonLines<Line>(join(workspace.path, 'run', 'results.jsonl'));
    expect(lines.map((line) => line.caseId).sort()).toEqual(['in1000-out50-01', 'in1000-out50-02', 'in1000-out50-03']);
    for (const line of lines) {
      expect(line.status).toBe('ok');
      // Exactly 1000 by o200k; the simulator counts with a tokenizer of its own, and a few tokens of framing per message.
      expect(line.usage.inputTokens).toBeGreaterThanOrEqual(1000);
      expect(line.usage.inputTokens).toBeLessThanOrEqual(1020);
      expect(line.usage.outputTokens).toBe(50);
      expect(line.finishReason).toBe('length');
      expect(line.score).toEqual({ score: 1, passed: true, reason: '50 output tokens, cut at max tokens; asked for 50 (within 45-55)' });
    }
    const [summary] = await readCsv(join(workspace.path, 'run', 'summary.csv'));
    expect(summary).toMatchObject({ target: 'openai:gpt-4o-mini', requests: '3', scored: '3', passed: '3', pass_rate: '1' });
  });

  it('gives the same cases for the same seed, whatever --max-tokens says, and refuses to resume the run with another seed or other shapes', async () => {
    // A synthetic case's own max tokens wins over the run's.
    const again = await runCli(['run', ...synthetic, '--max-tokens', '10', '--out', 'again'], { cwd: workspace.path });
    expect(again.exitCode).toBe(0);
    const answers = async (folder: string) => {
      const lines = await readJsonLines<Line>(join(workspace.path, folder, 'results.jsonl'));
      return new Map(lines.map((line) => [line.caseId, line.output]));
    };
    // The simulator answers each case with its known continuation, cut at 50 tokens: the same cases give the same answers.
    expect(await answers('again')).toEqual(await answers('run'));
    expect([...(await answers('again')).values()].every((output) => output.split(' ').length >= 40)).toBe(true);

    const reseeded = await runCli(['run', '--resume', 'run', '--seed', '2'], { cwd: workspace.path });
    expect(reseeded.exitCode).toBe(2);
    expect(reseeded.stderr).toMatch(/--resume run: .*changed since the run started/);
    const reshaped = await runCli(['run', '--resume', 'run', '--synthetic', 'input=1000,output=60,cases=3'], { cwd: workspace.path });
    expect(reshaped.exitCode).toBe(2);
    expect(reshaped.stderr).toMatch(/--resume run: .*synthetic.* changed since the run started/);
    const resumed = await runCli(['run', '--resume', 'run'], { cwd: workspace.path });
    expect(resumed.exitCode).toBe(0);
    expect(await readJsonLines(join(workspace.path, 'run', 'results.jsonl'))).toHaveLength(3);
  });

  it('refuses a bad shape before anything is sent, naming the flag or the eval file\'s key at its line', async () => {
    const flagged = await runCli(['run', '--synthetic', 'input=1000,output=0', '-t', 'simulated:openai:gpt-4o-mini', '--out', 'bad'], { cwd: workspace.path });
    expect(flagged.exitCode).toBe(2);
    expect(flagged.stderr).toContain('--synthetic "input=1000,output=0": output: expected 1 to 1,000,000 tokens, got 0');
    await workspace.write('bad.yaml', "targets: ['simulated:openai:gpt-4o-mini']\nsynthetic:\n  - input=1000,output=50\n  - input=1mb,output=50\n");
    const filed = await runCli(['run', '--config', 'bad.yaml', '--out', 'bad'], { cwd: workspace.path });
    expect(filed.exitCode).toBe(2);
    expect(filed.stderr).toContain('bad.yaml:4: synthetic[1]: input: expected a whole number of tokens such as 1000 or 1k, got "1mb"');
    const neither = await runCli(['run', '-t', 'simulated:openai:gpt-4o-mini', '--out', 'bad'], { cwd: workspace.path });
    expect(neither.exitCode).toBe(2);
    expect(neither.stderr).toContain('Expected a dataset: --dataset FILE or --synthetic SHAPE');
  });
});
