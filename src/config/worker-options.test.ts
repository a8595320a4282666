import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { workerExecArgv } from './worker-options.ts';

describe('workerExecArgv', () => {
  it("leaves out V8's heap flags, in either form, and keeps the rest in order", () => {
    expect(workerExecArgv(['--max-semi-space-size=2', '--import', 'hook.js', '--max-old-space-size', '4096', '--enable-source-maps', '--max_old_space_size=512'])).toEqual([
      '--import',
      'hook.js',
      '--enable-source-maps',
    ]);
  });

  it('gives a worker options it accepts where the process ran with the launcher\'s --max-semi-space-size=2', async () => {
    const execArgv = workerExecArgv(['--max-semi-space-size=2', '--no-warnings']);
    const worker = new Worker('process.exit(7)', { eval: true, execArgv });
    const code = await new Promise((resolve) => worker.once('exit', resolve));
    expect(code).toBe(7);
    expect(() => new Worker('', { eval: true, execArgv: ['--max-semi-space-size=2'] })).toThrow(/ERR_WORKER_INVALID_EXEC_ARGV|invalid execArgv/);
  });
});
