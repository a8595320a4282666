import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readCsv } from './support/run-folder.ts';

describe('llm-bench demo (npm start)', () => {
  it('benchmarks the simulated targets with no key, and says the figures are simulated', async () => {
    const workspace = await makeWorkspace();
    try {
      const folder = join(workspace.path, 'demo');
      const result = await runCli(['demo', '--out', folder]);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('openai/gpt-4o-mini@azure (simulated)');
      expect(result.stdout).toContain('SIMULATED');
      const summary = await readCsv(join(folder, 'summary.csv'));
      expect(summary.map((row) => row.target)).toHaveLength(4);
      expect(summary.every((row) => row.simulated === 'true' && Number(row.success_rate) > 0.9)).toBe(true);
      const run = JSON.parse(await readFile(join(folder, 'run.json'), 'utf8'));
      expect(run.targets.every((target: { simulated: boolean }) => target.simulated)).toBe(true);
      expect(JSON.stringify(run)).not.toContain('simulator-accepts-any-key');
      // The support pipeline runs too: each step of each of its 20 tickets answered, per target.
      expect(result.stdout).not.toContain('unknown to the simulator');
      const steps = await readCsv(join(folder, 'steps.csv'));
      expect(steps.map((row) => `${row.target} · ${row.step}`).sort()).toEqual(
        summary.flatMap((row) => ['classify', 'extract', 'draft'].map((step) => `${row.target} · ${step}`)).sort(),
      );
      expect(steps.every((row) => row.cases === '20' && Number(row.pass_rate) > 0.3)).toBe(true);
    } finally {
      await workspace.remove();
    }
  }, 240_000);

  it('runs a shipped dataset whose cases need tools: every case answered, scored, and the models apart as their profiles say', async () => {
    const workspace = await makeWorkspace();
    try {
      const folder = join(workspace.path, 'tools');
      const result = await runCli(['demo', '--dataset', 'datasets/tool-calling.jsonl', '--out', folder]);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.stdout).not.toContain('unknown to the simulator');
      const rows = await readCsv(join(folder, 'results.csv'));
      // Before, cases that force a tool ended as stream_error: the simulator answered them in words.
      expect(rows.filter((row) => row.final === 'true' && row.status !== 'ok')).toEqual([]);
      const summary = await readCsv(join(folder, 'summary.csv'));
      expect(summary).toHaveLength(4);
      const passRate: Record<string, number> = Object.fromEntries(summary.map((row) => [row.target!, Number(row.pass_rate)]));
      expect(summary.every((row) => Number(row.scored) === 24)).toBe(true);
      // Accuracy 0.75, 0.75, 0.85 and 0.92 in the profiles: not the 0% an echo scored.
      expect(Object.values(passRate).every((rate) => rate >= 0.5 && rate <= 1)).toBe(true);
      expect(passRate['anthropic:claude-sonnet-4']).toBeGreaterThan(passRate['openai/gpt-4o-mini@azure']!);
    } finally {
      await workspace.remove();
    }
  });

  it('says before it starts how many cases the simulator does not know', async () => {
    const workspace = await makeWorkspace();
    try {
      const dataset = await workspace.write('mine.jsonl', jsonl([
        { id: 'known', prompt: 'What is the capital of France?', expected: 'Paris' },
        { id: 'open-ended', prompt: 'Write a haiku about the sea.' },
      ]));
      const result = await runCli(['demo', '--dataset', dataset, '--out', join(workspace.path, 'run')]);
      expect(result.exitCode).toBe(0);
      const lines = result.stdout.split('\n');
      const notice = lines.findIndex((line) => line === '1 of 2 cases are unknown to the simulator: their answers are echoes (open-ended).');
      expect(notice).toBeGreaterThan(-1);
      // Before the table, that is before the run.
      expect(notice).toBeLessThan(lines.findIndex((line) => line.includes('(simulated)')));
    } finally {
      await workspace.remove();
    }
  });

  it('reads a dataset glob as run does: every file it matches', async () => {
    const workspace = await makeWorkspace();
    try {
      await workspace.write('set-a.jsonl', jsonl([{ id: 'a1', prompt: 'What is the capital of France?', expected: 'Paris' }]));
      await workspace.write('set-b.jsonl', jsonl([{ id: 'b1', prompt: 'What is 2 + 2?', expected: '4' }]));
      const result = await runCli(['demo', '--dataset', 'set-*.jsonl', '--out', 'run'], { cwd: workspace.path });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      const summary = await readCsv(join(workspace.path, 'run', 'summary.csv'));
      expect(summary.map((row) => row.cases)).toEqual(['2', '2', '2', '2']);
    } finally {
      await workspace.remove();
    }
  });
});
