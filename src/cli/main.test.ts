import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/run-cli.ts';

/**
 * The cold start (`llm-bench --help` in well under a second) rests on which modules a start
 * loads: a command's heavy modules (the AI SDK, the runner, the reports, the simulator) load in its
 * handler, never for help or a refused flag. The time itself is bench/cold-start.ts's; this holds
 * the property behind it, whatever the machine's load.
 */
describe("cold start: --help loads no command's heavy modules", () => {
  let folder: string;
  let hook: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'llm-bench-cold-'));
    hook = join(folder, 'list-modules.mjs');
    // Every module loaded, one URL a line on stderr at exit.
    await writeFile(hook, `import { registerHooks } from 'node:module';
const seen = [];
registerHooks({ load(url, context, next) { seen.push(url); return next(url, context); } });
process.on('exit', () => process.stderr.write(seen.map((url) => 'loaded ' + url).join('\\n') + '\\n'));
`);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  const loaded = async (args: string[]) => {
    const result = await runCli(args, { env: { NODE_OPTIONS: `--import=${hook}` } });
    const modules = result.stderr.split('\n').filter((line) => line.startsWith('loaded ')).map((line) => line.slice('loaded '.length));
    return { result, modules };
  };
  const heavy = (url: string) =>
    /\/node_modules\/(ai|@ai-sdk|zod|js-tiktoken|p-queue|undici|eventsource-parser|@observablehq|linkedom|yaml|csv-parse|ajv)\//.test(url) ||
    /\/src\/(runner|session|mock|datasets|targets|scoring)\//.test(url) ||
    /\/src\/reports\/index\.ts$/.test(url);

  for (const args of [['--help'], ['run', '--help'], ['mock', '--help'], ['compare', '--help']]) {
    it(`llm-bench ${args.join(' ')}`, async () => {
      const { result, modules } = await loaded(args);
      // The hook saw the start: a list that cannot be empty.
      expect(modules.some((url) => url.endsWith('/src/cli/main.ts'))).toBe(true);
      expect(modules.some((url) => url.includes('/node_modules/yargs/'))).toBe(true);
      expect(modules.filter(heavy)).toEqual([]);
      expect(result.stdout + result.stderr).toContain('llm-bench');
    });
  }

  it('a refused flag loads the redactor (its message may quote a key), and no command', async () => {
    const { result, modules } = await loaded(['run', '--bogus-flag']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Unknown arguments: bogus-flag');
    expect(modules.some((url) => url.endsWith('/src/targets/redact-secrets.ts'))).toBe(true);
    expect(modules.filter((url) => /\/src\/(runner|session|mock|datasets|scoring)\//.test(url))).toEqual([]);
  });

  it('a command that runs loads what it needs (validate reads a dataset)', async () => {
    const { result, modules } = await loaded(['validate', 'datasets/smoke.jsonl']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('ok datasets/smoke.jsonl');
    expect(modules.some((url) => url.includes('/src/datasets/'))).toBe(true);
  });

  // The first request of a run waits for the modules it loads before it: what prints the outcome,
  // the session's other commands and the tokenizer's table load after the run has started, if at all.
  it('a run refused before sending loads what it needed to get there, not what prints an outcome', async () => {
    const { result, modules } = await loaded(['run', '-d', 'no-such-dataset.jsonl', '-t', 'openai-compatible:m@http://127.0.0.1:9/v1']);
    expect(result.exitCode).toBe(2);
    expect(modules.some((url) => url.endsWith('/src/session/prepare-eval.ts'))).toBe(true);
    const late = /\/src\/(cli\/(run-outcome-output|print-reports|summary-output)|session\/(index|simulator-cases|choose-run|compare-folders))\.ts$|\/node_modules\/js-tiktoken\//;
    expect(modules.filter((url) => late.test(url))).toEqual([]);
  });
});
