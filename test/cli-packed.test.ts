import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmeApiExample } from './support/readme-example.ts';
import { firstRequest, startInBackground, type BackgroundCli } from './support/background-cli.ts';
import { descendants, killAll, portIsFree, processTree, waitUntilEnded } from './support/process-tree.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
// Bounded but generous: the install copies Node 24 (the optional dependency) from npm's cache.
const installTimeoutMs = 240_000;
const commandTimeoutMs = 120_000;

/**
 * A user's machine: the checkout's node_modules/.bin (and its Node 24) are not on PATH, so npm and
 * the launcher run on the machine's own Node. npm prefers its cache; the registry is the fallback.
 */
const userEnvironment = {
  PATH: (process.env.PATH ?? '').split(delimiter).filter((folder) => !folder.split(/[\\/]/).includes('node_modules')).join(delimiter),
  HOME: process.env.HOME ?? '',
  NO_COLOR: '1',
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

/** Runs a command to its end (killed after `timeoutMs`); its exit code and its output, both streams. */
async function run(command: string, args: string[], cwd: string, timeoutMs = commandTimeoutMs): Promise<{ code: number | null; output: string; stdout: string }> {
  const cli = startInBackground(command, args, { cwd, env: userEnvironment });
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), timeoutMs);
  const { code } = await cli.closed;
  clearTimeout(timer);
  return { code, output: cli.output(), stdout: cli.stdout() };
}

describe('the packed tarball, installed into an empty folder elsewhere', () => {
  let folder: string;
  let user: string;
  let packedFiles: string[];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'llm-bench-packed-'));
    const packed = await run('npm', ['pack', '--json', '--pack-destination', folder], projectRoot);
    expect(packed.code, packed.output).toBe(0);
    const [manifest] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    packedFiles = manifest.files.map((file) => file.path);
    user = join(folder, 'user');
    await mkdir(user);
    await writeFile(join(user, 'package.json'), JSON.stringify({ name: 'user-project', private: true }));
    const installed = await run('npm', ['install', join(folder, manifest.filename)], user, installTimeoutMs);
    expect(installed.code, installed.output).toBe(0);
  }, installTimeoutMs + 60_000);

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('ships the sources, the launcher, the datasets, the price table and the mock profiles, and no tests', () => {
    for (const file of ['index.js', 'types/index.d.ts', 'schema/llm-bench.schema.json', 'schema/results-line.schema.json', 'schema/summary.schema.json', 'bin/llm-bench.js', 'bin/strip-package-types.js', 'src/cli/main.ts', 'src/mock/mock-worker.ts', 'datasets/smoke.jsonl', 'data/prices.yaml', 'mock/default-profiles.yaml']) {
      expect(packedFiles).toContain(file);
    }
    expect(packedFiles.filter((file) => /^(test|bench|scripts)\/|\.test\.ts$/.test(file))).toEqual([]);
  });

  it('`npx llm-bench --help` and `--version` work there', async () => {
    const help = await run('npx', ['llm-bench', '--help'], user);
    expect(help.code, help.output).toBe(0);
    expect(help.output).toMatch(/llm-bench demo\s+Benchmark simulated targets/);
    const printed = await run('npx', ['llm-bench', '--version'], user);
    expect(printed.output.trim().split('\n').at(-1)).toBe(version);
  }, commandTimeoutMs);

  it('runs on the machine\'s own Node too, or on the Node 24 it installed when that one is older', async () => {
    const printed = await run('node', [join(user, 'node_modules/llm-bench/bin/llm-bench.js'), '--version'], user);
    expect(printed.code, printed.output).toBe(0);
    expect(printed.output.trim().split('\n').at(-1)).toBe(version);
  }, commandTimeoutMs);

  it('resolves a relative path against the user\'s folder, not the package\'s', async () => {
    await writeFile(join(user, 'my.jsonl'), `${JSON.stringify({ id: 'mine', prompt: 'Say hi.', expected: 'hi' })}\n`);
    const mine = await run('npx', ['llm-bench', 'validate', './my.jsonl'], user);
    expect(mine.code, mine.output).toBe(0);
    expect(mine.output).toContain('ok ./my.jsonl: 1 case');
    // The package has a datasets/smoke.jsonl; the user's folder does not.
    const shipped = await run('npx', ['llm-bench', 'validate', 'datasets/smoke.jsonl'], user);
    expect(shipped.code, shipped.output).toBe(2);
  }, commandTimeoutMs);

  it('`npx llm-bench demo` runs on its shipped smoke dataset and writes the reports in the user\'s folder', async () => {
    const demo = await run('npx', ['llm-bench', 'demo', '--concurrency', '4'], user, 2 * commandTimeoutMs);
    expect(demo.code, demo.output).toBe(0);
    expect(demo.output).toContain('All figures above are SIMULATED');
    const reports = new RegExp(`Reports in (${join(user, 'reports')}\\S+):`).exec(demo.output);
    expect(reports, demo.output).not.toBeNull();
    // The versions run.json records are found beside the package, where npm put them.
    const { versions } = JSON.parse(await readFile(join(reports![1]!, 'run.json'), 'utf8')) as { versions: Record<string, string> };
    expect(versions).toMatchObject({ 'llm-bench': version, ai: expect.stringMatching(/^\d+\./), 'p-queue': expect.stringMatching(/^\d+\./) });
  }, 2 * commandTimeoutMs + 10_000);

  it('`npx llm-bench init && npx llm-bench run` runs the starter eval there, and a program imports the API from the package', async () => {
    const evals = join(user, 'evals');
    await mkdir(evals);
    const init = await run('npx', ['llm-bench', 'init'], evals);
    expect(init.code, init.output).toBe(0);
    const started = await run('npx', ['llm-bench', 'run', '--out', 'reports/starter'], evals, 2 * commandTimeoutMs);
    expect(started.code, started.output).toBe(0);
    expect(started.output).toContain('anthropic:claude-sonnet-4 (simulated)');
    // A program on the Node 24 the package installed (the API needs Node >= 22.18): types are
    // stripped from the package under node_modules, its worker threads included.
    await writeFile(join(evals, 'api.mjs'), await readmeApiExample());
    const api = await run(join(user, 'node_modules/node/bin/node'), ['api.mjs'], evals, 2 * commandTimeoutMs);
    expect(api.code, api.output).toBe(0);
    expect(api.stdout).toMatch(/^anthropic:claude-sonnet-4: pass [\d.]+ \(n=13\), TTFT p50 \d+ ms$/m);
  }, 4 * commandTimeoutMs + 10_000);

  it('gives a TypeScript program the types of the API (declarations, not the sources): a misspelled setting is a type error', async () => {
    const typed = join(user, 'typed');
    await mkdir(typed);
    await writeFile(join(typed, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    // A strict program of the user's own, with options the package's sources do not use.
    await writeFile(join(typed, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [], strict: true, noEmit: true, skipLibCheck: true, exactOptionalPropertyTypes: true, noPropertyAccessFromIndexSignature: true },
      include: ['*.ts'],
    }));
    const program = (runSettings: string) =>
      `import { run, defineConfig, type RunEvent } from 'llm-bench';\nconst seen: RunEvent['type'][] = [];\nconst outcome = await run(defineConfig({ datasets: ['a.jsonl'], targets: ['openai:gpt-4o-mini', { target: 'openai/gpt-4o', label: 'big' }], run: ${runSettings} }), { onEvent: (event) => void seen.push(event.type) });\nconsole.log(outcome.summaries[0]?.passRate, seen);\n`;
    await writeFile(join(typed, 'eval.ts'), program('{ concurrency: 4 }'));
    const tsc = join(projectRoot, 'node_modules/.bin/tsc');
    const checked = await run(tsc, ['-p', '.'], typed);
    expect(checked.code, checked.output).toBe(0);
    await writeFile(join(typed, 'eval.ts'), program('{ concurency: 4 }'));
    const misspelled = await run(tsc, ['-p', '.'], typed);
    expect(misspelled.code).not.toBe(0);
    expect(misspelled.output).toMatch(/'concurency' does not exist in type[\s\S]*Did you mean to write 'concurrency'\?/);
  }, commandTimeoutMs);

  describe('every process it starts ends with it', () => {
    let hanging: Server;

    beforeAll(async () => {
      hanging = createServer(() => {});
      await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    });

    afterAll(async () => {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    });

    /** `npx llm-bench … &` in the user's folder, as its own job: npm, sh, the launcher, the CLI. */
    async function startJob(args: string[], ready: (cli: BackgroundCli) => Promise<unknown>) {
      const cli = startInBackground('npx', ['llm-bench', ...args], { cwd: user, env: userEnvironment, detached: true });
      try {
        await ready(cli);
      } catch (error) {
        killAll(descendants(cli.child.pid!));
        cli.child.kill('SIGKILL');
        throw error;
      }
      const tree = processTree(cli.child.pid!);
      expect(tree.filter((entry) => /node .*llm-bench/.test(entry.title)), JSON.stringify(tree)).toHaveLength(2);
      return { cli, tree };
    }

    it('mock, on SIGTERM to npm: its port is free and no process is left', async () => {
      let port = 0;
      const { cli, tree } = await startJob(['mock', '--port', '0'], async (cli) => {
        port = Number((await cli.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/, commandTimeoutMs))[1]);
      });
      process.kill(cli.child.pid!, 'SIGTERM');
      expect(await waitUntilEnded(tree, 20_000), cli.output()).toEqual([]);
      expect(await portIsFree(port)).toBe(true);
      await cli.closed;
      expect(cli.output()).toContain('llm-bench mock: stopped');
    }, commandTimeoutMs + 30_000);

    it('mock, run by the launcher without npm: when the launcher is killed outright, the CLI ends too', async () => {
      const cli = startInBackground('node', [join(user, 'node_modules/llm-bench/bin/llm-bench.js'), 'mock', '--port', '0'], {
        cwd: user,
        env: userEnvironment,
      });
      let tree = processTree(cli.child.pid!);
      try {
        const port = Number((await cli.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/, commandTimeoutMs))[1]);
        tree = processTree(cli.child.pid!);
        expect(tree.map((entry) => entry.title), JSON.stringify(tree)).toEqual([
          expect.stringMatching(/bin\/llm-bench\.js mock/),
          expect.stringMatching(/src\/cli\/main\.ts mock/),
        ]);
        cli.child.kill('SIGKILL');
        expect(await waitUntilEnded(tree, 20_000), cli.output()).toEqual([]);
        expect(await portIsFree(port)).toBe(true);
      } finally {
        killAll(tree);
      }
    }, commandTimeoutMs + 30_000);

    it('run, on SIGINT to the job (Ctrl-C): the CLI gets it once, drains, writes its reports, and ends', async () => {
      await writeFile(join(user, 'one.jsonl'), `${JSON.stringify({ id: 'one', prompt: 'Say hi.', expected: 'hi' })}\n`);
      const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/v1`;
      const { cli, tree } = await startJob(
        ['run', '-d', 'one.jsonl', '-t', `openai-compatible:slow@${url}`, '--warmup', '0', '--drain-seconds', '1', '--out', 'interrupted'],
        (cli) => firstRequest(cli, hanging),
      );
      process.kill(-cli.child.pid!, 'SIGINT');
      expect(await waitUntilEnded(tree, 20_000), cli.output()).toEqual([]);
      await cli.closed;
      // Twice would have been "quit now", without reports.
      expect(cli.output()).not.toContain('SIGINT again');
      expect(JSON.parse(await readFile(join(user, 'interrupted/run.json'), 'utf8'))).toMatchObject({ status: 'incomplete' });
    }, commandTimeoutMs + 30_000);
  });
});
