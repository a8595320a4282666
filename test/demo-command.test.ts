import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { makeWorkspace, readCsv } from './support/run-folder.ts';

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
    } finally {
      await workspace.remove();
    }
  });
});
