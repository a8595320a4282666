import { execFileSync } from 'node:child_process';
import { constants, existsSync } from 'node:fs';
import { open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli, startCli, type CliResult } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readJsonLines, testPrices } from './support/run-folder.ts';

/**
 * Hostile input files, through the real CLI against a local simulator: each is refused with exit
 * code 2 and `file:line` (or the path) on stderr before anything is sent, never a stack trace or
 * a hang; a scorer that loads but throws on an answer is data.
 */
describe('hostile input files', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let prices: string;
  let good: string;
  let runs = 0;
  /** What the simulator had received when the last command started: a refusal sends nothing more. */
  let requestsBefore = 0;

  beforeAll(async () => {
    server = await startMockServer({ profiles: constantMockProfiles({ id: 'steady', ttftMs: 0, tokensPerSecond: 1000, answer: { policy: 'fixed', text: 'Paris' } }) });
    workspace = await makeWorkspace();
    prices = await workspace.write('prices.yaml', testPrices(['steady']));
    good = await workspace.write('good.jsonl', jsonl([{ id: 'q1', prompt: 'Capital of France?', expected: 'Paris' }]));
  });
  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  /** `llm-bench run` on a dataset (and extra flags) against the simulator, in the workspace. */
  function run(dataset: string, extra: string[] = []): Promise<CliResult> {
    runs += 1;
    const out = join(workspace.path, `run-${runs}`);
    return cli(['run', '--dataset', dataset, '--target', `openai-compatible:steady@${server.url}/v1`, '--prices', prices, '--out', out, ...extra]);
  }

  function cli(args: string[]): Promise<CliResult> {
    requestsBefore = server.requests().length;
    return runCli(args, { cwd: workspace.path });
  }

  /** Refused as bad input: exit 2, no stack trace, nothing sent. */
  function expectRefused(result: CliResult): void {
    expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(result.exitCode).toBe(2);
    expect(server.requests().slice(requestsBefore)).toEqual([]);
  }

  /** Anchors nested 7 deep, 9 aliases each, as the issue's suite wrote them: under a case's tags. */
  const aliasBomb = (indent: string) =>
    [`${indent}- &a0 [lol]`, ...Array.from({ length: 7 }, (_, index) => `${indent}- &a${index + 1} [${Array(9).fill(`*a${index}`).join(', ')}]`)].join('\n');

  it('refuses a YAML alias bomb under a case\'s tags with file:line, not a ReferenceError', async () => {
    const dataset = await workspace.write('bomb.yaml', ['- id: a', '  prompt: Capital of France?', '  tags:', aliasBomb('    ')].join('\n'));
    const result = await run(dataset);
    expectRefused(result);
    expect(result.stderr).toMatch(/bomb\.yaml:4: tags: more than 16 Mi characters of text in one case, with YAML aliases expanded/);
  });

  it('refuses an alias bomb in a price table (--prices) with file:line', async () => {
    const bomb = await workspace.write('bomb-prices.yaml', ['version: 1', 'prices:', aliasBomb('  ')].join('\n'));
    runs += 1;
    const result = await cli(['run', '--dataset', good, '--target', `openai-compatible:steady@${server.url}/v1`, '--prices', bomb, '--out', join(workspace.path, `run-${runs}`)]);
    expectRefused(result);
    expect(result.stderr).toMatch(/bomb-prices\.yaml:7: prices\[4\]\[0\]: the YAML library refuses it: Excessive alias count/);
  });

  it('refuses a dataset that is a FIFO, naming it, without opening it (no hang)', async () => {
    const fifo = join(workspace.path, 'fifo.jsonl');
    execFileSync('mkfifo', [fifo]);
    const result = await run(fifo);
    expectRefused(result);
    expect(result.stderr).toContain(`${fifo}:1: (file): a named pipe (FIFO), not a regular file; a dataset must be a regular file`);
  });

  it('refuses a prompt file (--prompt) that is a FIFO, and a dataset that is a character device', async () => {
    const fifo = join(workspace.path, 'fifo-prompt.txt');
    execFileSync('mkfifo', [fifo]);
    // The FIFO is unblocked if something opens it anyway: the test then fails on its exit code.
    const timer = setTimeout(() => void open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).then((handle) => handle.close(), () => undefined), 40_000);
    try {
      const result = await run(good, ['--prompt', fifo]);
      expectRefused(result);
      expect(result.stderr).toContain(`${fifo}:1: (file): a named pipe (FIFO), not a regular file; a prompt file must be a regular file`);
    } finally {
      clearTimeout(timer);
    }
    // Through a symlink with a dataset's name: stat follows it, and /dev/zero would never end.
    const zero = join(workspace.path, 'zero.jsonl');
    execFileSync('ln', ['-s', '/dev/zero', zero]);
    const device = await run(zero);
    expectRefused(device);
    expect(device.stderr).toContain(`${zero}:1: (file): a character device, not a regular file`);
  });

  it('refuses a run folder whose run.json or results.jsonl is a FIFO, for report and --resume (no hang)', async () => {
    const finished = await run(good);
    expect(finished.exitCode).toBe(0);
    const folder = join(workspace.path, `run-${runs}`);
    await rm(join(folder, 'results.jsonl'));
    execFileSync('mkfifo', [join(folder, 'results.jsonl')]);
    const report = await cli(['report', folder]);
    expectRefused(report);
    expect(report.stderr).toContain(`${folder}/results.jsonl: not a regular file`);
    await rm(join(folder, 'run.json'));
    execFileSync('mkfifo', [join(folder, 'run.json')]);
    const resumed = await cli(['run', '--resume', folder]);
    expectRefused(resumed);
    expect(resumed.stderr).toContain(`--resume ${folder}: not an llm-bench run folder`);
    const reported = await cli(['report', folder]);
    expectRefused(reported);
    expect(reported.stderr).toContain(`report ${folder}: cannot read ${folder}/run.json`);
  });

  it('takes over a run.lock that is a FIFO instead of waiting on it for good', async () => {
    const finished = await run(good);
    expect(finished.exitCode).toBe(0);
    const folder = join(workspace.path, `run-${runs}`);
    execFileSync('mkfifo', [join(folder, 'run.lock')]);
    const resumed = await cli(['run', '--resume', folder]);
    expect(resumed.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(resumed.exitCode).toBe(0);
  });

  it('reads a cache entry that is a FIFO as a miss instead of waiting on it for good', async () => {
    const cache = join(workspace.path, 'cache');
    expect((await run(good, ['--cache-dir', cache])).exitCode).toBe(0);
    const entries = (await readdir(cache, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      await rm(join(entry.parentPath, entry.name));
      execFileSync('mkfifo', [join(entry.parentPath, entry.name)]);
    }
    const again = await run(good, ['--cache-dir', cache]);
    expect(again.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(again.exitCode).toBe(0);
    // A miss: the question is asked again.
    expect(server.requests().length).toBeGreaterThan(requestsBefore);
  });

  it.runIf(existsSync('/proc/1'))('refuses an --out where nothing can be created (/proc/1, /sys/kernel) and a --cache-dir through a file, exit 2 naming the path', async () => {
    const target = `openai-compatible:steady@${server.url}/v1`;
    for (const out of ['/proc/1', ...(existsSync('/sys/kernel') ? ['/sys/kernel'] : [])]) {
      const result = await cli(['run', '--dataset', good, '--target', target, '--prices', prices, '--out', out]);
      expectRefused(result);
      expect(result.stderr).toMatch(new RegExp(`^llm-bench: cannot create the run folder ${out}: .*\\((ENOENT|EACCES|EROFS|EPERM)\\); choose another --out\\n$`));
    }
    runs += 1;
    const cache = await cli(['run', '--dataset', good, '--target', target, '--prices', prices, '--out', join(workspace.path, `run-${runs}`), '--cache-dir', join(good, 'cache')]);
    expectRefused(cache);
    expect(cache.stderr).toContain(`--cache-dir ${join(good, 'cache')} cannot be created or written (ENOTDIR)`);
  });

  it('refuses a NUL byte in a CSV cell as it does in JSONL: same words, with the line', async () => {
    const csv = await workspace.write('nul.csv', 'id,prompt,expected\nq1,Capital of France?,Paris\nq2,hel\u0000lo,x\n');
    const line = await workspace.write('nul.jsonl', '{"id": "q1", "prompt": "Capital?"}\n{"id": "q2", "prompt": "hel\u0000lo"}\n');
    const words = 'control character U+0000 (NUL) at column 7: only tab, line feed and carriage return are allowed in text';
    const fromCsv = await run(csv);
    expectRefused(fromCsv);
    expect(fromCsv.stderr).toContain(`nul.csv:3: (text): ${words}`);
    const fromJsonl = await cli(['validate', line]);
    expect(fromJsonl.exitCode).toBe(2);
    expect(fromJsonl.stderr).toContain(`nul.jsonl:2: (text): control character U+0000 (NUL) at column 28: only tab`);
  });

  describe('custom scorers are loaded before anything is sent', () => {
    const modules: Record<string, string> = {
      'syntax.mjs': 'export default (input) => {\n  return { score: 1,, passed: true };\n};\n',
      'object.mjs': 'export default { score: 1, passed: true, reason: "not a function" };\n',
      'throws.mjs': 'throw new Error("cannot find my config");\n',
    };
    let dataset: string;
    beforeAll(async () => {
      for (const [name, text] of Object.entries(modules)) await workspace.write(name, text);
      dataset = await workspace.write(
        'custom.jsonl',
        jsonl([
          { id: 'fine', prompt: 'Capital of France?', expected: 'Paris' },
          { id: 'syntax', prompt: 'x', assert: [{ type: 'custom', module: 'syntax.mjs' }] },
          { id: 'object', prompt: 'x', assert: [{ type: 'contains', value: 'x' }, { type: 'custom', module: 'object.mjs' }] },
          { id: 'throws', prompt: 'x', assert: [{ type: 'custom', module: 'throws.mjs' }] },
          { id: 'missing', prompt: 'x', assert: [{ type: 'custom', module: 'missing.mjs' }] },
        ]),
      );
    });

    const expected = [
      "custom.jsonl:2: assert[0].module: cannot load custom scorer syntax.mjs: SyntaxError: Unexpected token ','",
      'custom.jsonl:3: assert[1].module: custom scorer object.mjs has no default export function (it is object)',
      'custom.jsonl:4: assert[0].module: cannot load custom scorer throws.mjs: Error: cannot find my config',
      expect.stringMatching(/^custom\.jsonl:5: assert\[0\]\.module: file not found: .*missing\.mjs$/),
    ];

    it('run refuses a syntax error, a default export that is not a function, a throw on import and a missing file at their lines', async () => {
      const result = await run('custom.jsonl');
      expectRefused(result);
      expect(result.stderr.trimEnd().split('\n').map((line) => line.replace(/^llm-bench: /, ''))).toEqual(expected);
    });

    describe('a module whose import never settles while its timer keeps the event loop alive', () => {
      // A top-level await that waits for good, with a keep-alive interval; it says when it starts.
      const hanging = 'console.error("hang.mjs: loading");\nawait new Promise(() => { setInterval(() => {}, 1000); });\nexport default () => ({ score: 1, passed: true, reason: "x" });\n';
      const shortImport = { LLM_BENCH_TEST_SCORER_IMPORT_TIMEOUT_MS: '1000' };
      let hangDataset: string;
      beforeAll(async () => {
        await workspace.write('hang.mjs', hanging);
        hangDataset = await workspace.write('hang.jsonl', jsonl([{ id: 'q1', prompt: 'x', assert: [{ type: 'custom', module: 'hang.mjs' }] }]));
      });

      it('validate and run exit 2 right after saying it did not load, instead of never exiting', async () => {
        requestsBefore = server.requests().length;
        const validated = await runCli(['validate', hangDataset], { cwd: workspace.path, env: shortImport, timeoutMs: 40_000 });
        expect(validated.exitCode).toBe(2);
        expect(validated.stderr).toContain('hang.jsonl:1: assert[0].module: custom scorer hang.mjs did not finish loading within 1 s');
        runs += 1;
        const ran = await runCli(
          ['run', '--dataset', hangDataset, '--target', `openai-compatible:steady@${server.url}/v1`, '--prices', prices, '--out', join(workspace.path, `run-${runs}`)],
          { cwd: workspace.path, env: shortImport, timeoutMs: 40_000 },
        );
        expectRefused(ran);
        expect(ran.stderr).toContain('custom scorer hang.mjs did not finish loading within 1 s');
      });

      it('run ends with 130 on a SIGTERM while the module is still loading, without waiting for the drain', async () => {
        requestsBefore = server.requests().length;
        runs += 1;
        const { child, done } = startCli(
          ['run', '--dataset', hangDataset, '--target', `openai-compatible:steady@${server.url}/v1`, '--prices', prices, '--out', join(workspace.path, `run-${runs}`)],
          { cwd: workspace.path, timeoutMs: 80_000 },
        );
        let stderr = '';
        await new Promise<void>((resolve) => {
          child.stderr.on('data', (chunk: Buffer) => {
            stderr += chunk.toString();
            if (stderr.includes('hang.mjs: loading')) resolve();
          });
          child.once('close', () => resolve());
        });
        child.kill('SIGTERM');
        const result = await done;
        expect(result.exitCode).toBe(130);
        expect(result.stderr).toContain('SIGTERM: nothing sent yet; quitting now.');
        expect(server.requests().slice(requestsBefore)).toEqual([]);
      });
    });

    it('validate refuses them the same way', async () => {
      const result = await cli(['validate', 'custom.jsonl']);
      expect(result.exitCode).toBe(2);
      expect(result.stderr.trimEnd().split('\n')).toEqual([...expected, 'llm-bench: 1 of 1 dataset has problems']);
    });
  });

  it('scores a regex that backtracks catastrophically on an answer from outside in linear time, instead of hanging the run', async () => {
    // With backtracking, `^(a+)+$` on forty `a` and a `!` takes hours.
    const hostile = await startMockServer({ profiles: constantMockProfiles({ id: 'hostile', ttftMs: 0, tokensPerSecond: 1000, answer: { policy: 'fixed', text: `${'a'.repeat(40)}!` } }) });
    try {
      const dataset = await workspace.write('redos.jsonl', jsonl([{ id: 'q1', prompt: 'Say a lot of a.', assert: [{ type: 'regex', value: '^(a+)+$' }] }]));
      runs += 1;
      const out = join(workspace.path, `run-${runs}`);
      const result = await runCli(['run', '--dataset', dataset, '--target', `openai-compatible:hostile@${hostile.url}/v1`, '--prices', prices, '--out', out], { cwd: workspace.path });
      expect(result.exitCode).toBe(0);
      const records = await readJsonLines<{ score?: { passed: boolean } }>(join(out, 'results.jsonl'));
      expect(records).toEqual([expect.objectContaining({ score: expect.objectContaining({ passed: false }) })]);
    } finally {
      await hostile.close();
    }
  });

  it('scores a custom scorer that loads but throws on an answer as failed, with its reason, and finishes the run', async () => {
    await workspace.write('throws-on-answer.mjs', 'export default (input) => { throw new Error(`cannot score ${input.output}`); };\n');
    const dataset = await workspace.write('throws-on-answer.jsonl', jsonl([{ id: 'q1', prompt: 'Capital of France?', assert: [{ type: 'custom', module: 'throws-on-answer.mjs' }] }]));
    const result = await run(dataset);
    expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(result.exitCode).toBe(0);
    const records = await readJsonLines<{ status: string; score?: { passed: boolean; reason: string } }>(join(workspace.path, `run-${runs}`, 'results.jsonl'));
    expect(records).toEqual([expect.objectContaining({ status: 'ok', score: expect.objectContaining({ passed: false, reason: expect.stringContaining('cannot score Paris') }) })]);
  });
});
