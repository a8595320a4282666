import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readJsonLines } from './support/run-folder.ts';

/**
 * Numbers no run could use, given to the real CLI: each is refused with exit code 2, a message
 * naming the flag (or file field), the value and the allowed range, nothing sent and no run
 * folder made. Before, `--repeats 1000000000` built a plan of 4 GB and never exited, and
 * `--timeout-ms 99999999999` (a timer Node fires after 1 ms) failed every request at once.
 */
describe('hostile numbers in flags and files', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let target: string;
  let twoCases: string;

  beforeAll(async () => {
    server = await startMockServer({ profiles: constantMockProfiles({ id: 'steady', ttftMs: 5, tokensPerSecond: 1000, answer: { policy: 'echo' } }) });
    workspace = await makeWorkspace();
    target = `openai-compatible:steady@${server.url}/v1`;
    twoCases = await workspace.write('two.jsonl', jsonl([{ id: 'a', prompt: 'Say a.' }, { id: 'b', prompt: 'Say b.' }]));
  });
  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });
  /** Runs `run` with these flags and checks it refused them before sending or writing anything. */
  async function refusedRun(flags: string[], dataset = twoCases): Promise<string> {
    const out = join(workspace.path, `refused-${Math.random().toString(36).slice(2)}`);
    const sentBefore = server.requests().length;
    const result = await runCli(['run', '--dataset', dataset, '--target', target, '--out', out, ...flags]);
    expect(result.exitCode, result.stdout + result.stderr).toBe(2);
    expect(server.requests().length).toBe(sentBefore);
    expect(existsSync(out)).toBe(false);
    return result.stderr;
  }

  it('--repeats 1000000000 on a 2-case dataset exits 2 at once, naming --repeats and its limit', async () => {
    expect(await refusedRun(['--repeats', '1000000000'])).toContain('Expected --repeats to be an integer from 1 to 100000, got `1000000000`');
  });

  it('a plan over 1,000,000 requests is refused, naming the flags that make it up', async () => {
    const elevenCases = await workspace.write('eleven.jsonl', jsonl(Array.from({ length: 11 }, (_, index) => ({ id: `c${index}`, prompt: `Say ${index}.` }))));
    const stderr = await refusedRun(['--repeats', '100000'], elevenCases);
    expect(stderr).toContain(
      'The run would send 1,100,000 requests: 11 cases (the dataset) × 1 target (--target) × 1 prompt (--prompt) × 100,000 repeats (--repeats); ' +
        'at most 1,000,000 are allowed.',
    );
  });

  it.each([
    ['--timeout-ms', '99999999999', 'Expected --timeout-ms to be an integer from 1 to 86400000 ms (24 h), got `99999999999`'],
    ['--stall-timeout-ms', '99999999999', 'Expected --stall-timeout-ms to be an integer from 1 to 86400000 ms (24 h), got `99999999999`'],
    ['--rate', '1e-300', 'Expected --rate to be a number from 0.001 to 10000 requests per second, got `1e-300`'],
  ])('%s %s (a timer that would fire after 1 ms) is refused with the allowed range', async (flag, value, message) => {
    expect(await refusedRun([flag, value])).toContain(message);
  });

  it('every number flag of run refuses NaN, Infinity, hex and exponents out of range, and reports them all at once', async () => {
    const stderr = await refusedRun([
      '--concurrency', '1e9', '--target-concurrency', 'NaN', '--warmup', '-1', '--retries', '1e400', '--max-tokens', '0x7fffffffffff',
      '--temperature', 'hot', '--drain-seconds', '1e12', '--max-cost', '1e400', '--max-error-rate', '1.5', '--min-pass-rate', '-0.1',
    ]);
    for (const message of [
      'Expected --concurrency to be an integer from 1 to 10000, got `1000000000`',
      'Expected --target-concurrency to be an integer from 1 to 10000, got `"NaN"`',
      'Expected --warmup to be an integer from 0 to 1000, got `-1`',
      'Expected --retries to be an integer from 0 to 100, got `Infinity`',
      'Expected --max-tokens to be an integer from 1 to 1000000, got `140737488355327`',
      'Expected --temperature to be a number from 0 to 2, got `"hot"`',
      'Expected --drain-seconds to be an integer from 0 to 86400 seconds (24 h), got `1000000000000`',
      'Expected --max-cost to be a number above 0 and at most 1000000 USD, got `Infinity`',
      'Expected --max-error-rate to be a number from 0 to 1, got `1.5`',
      'Expected --min-pass-rate to be a number from 0 to 1, got `-0.1`',
    ]) {
      expect(stderr).toContain(message);
    }
  });

  it('a number flag given without its number is refused, not taken as its default', async () => {
    expect(await refusedRun(['--timeout-ms'])).toMatch(/Not enough arguments following: timeout-ms/);
  });

  it('the largest values allowed work: a 24 h timeout, the fastest rate', async () => {
    const out = join(workspace.path, 'edges');
    const result = await runCli([
      'run', '--dataset', twoCases, '--target', target, '--warmup', '0', '--out', out,
      '--timeout-ms', '86400000', '--stall-timeout-ms', '86400000', '--rate', '10000', '--drain-seconds', '86400',
    ]);
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const records = await readJsonLines<{ status: string }>(join(out, 'results.jsonl'));
    expect(records.map((record) => record.status)).toEqual(['ok', 'ok']);
  });

  it('demo refuses --repeats 1000000000 and a seed its generator cannot hold, before starting anything', async () => {
    const out = join(workspace.path, 'demo-refused');
    const repeats = await runCli(['demo', '--repeats', '1000000000', '--out', out]);
    expect(repeats.exitCode).toBe(2);
    expect(repeats.stderr).toContain('Expected --repeats to be an integer from 1 to 100000, got `1000000000`');
    expect(repeats.stdout).not.toContain('Simulator on');
    expect(existsSync(out)).toBe(false);
    const seed = await runCli(['demo', '--seed', '-1', '--out', out]);
    expect(seed.exitCode).toBe(2);
    expect(seed.stderr).toContain('Expected --seed to be an integer from 0 to 4294967295, got `-1`');
  });

  it('mock refuses a port and a seed out of range, naming both', async () => {
    const result = await runCli(['mock', '--port', '70000', '--seed', '1.5']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Expected --port to be an integer from 0 to 65535, got `70000`');
    expect(result.stderr).toContain('Expected --seed to be an integer from 0 to 4294967295, got `1.5`');
  });

  it('a dataset whose latency bound or weight is out of range is refused at its line', async () => {
    const dataset = await workspace.write(
      'bounds.jsonl',
      jsonl([
        { id: 'ok', prompt: 'Say hi.', assert: [{ type: 'latency', e2e_ms: 5000 }] },
        { id: 'far', prompt: 'Say hi.', assert: [{ type: 'latency', e2e_ms: 1e12 }] },
        { id: 'heavy', prompt: 'Say hi.', assert: [{ type: 'contains', value: 'hi', weight: 1e308 }] },
      ]),
    );
    const result = await runCli(['validate', dataset]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${dataset}:2: assert[0].e2e_ms: expected a number above 0 and at most 86400000 ms (24 h), got 1000000000000`);
    expect(result.stderr).toMatch(new RegExp(`${dataset}:3: assert\\[0\\]\\.weight: expected a number from 0 to 1000000, got 1e\\+308`));
  });

  it('a mock profile asking for a time to first token no timer holds is refused at its line', async () => {
    const profiles = await workspace.write(
      'profiles.yaml',
      ['models:', '  - id: slow', '    ttftMs: { p50: 100, p90: 99999999999 }', '    tokensPerSecond: 50', ''].join('\n'),
    );
    const result = await runCli(['mock', '--profiles', profiles]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('expected a number from 0 to 86400000 ms (24 h), got 99999999999');
    expect(result.stderr).toContain(`${profiles}:3`);
  });

  it('an empty or blank value of every number flag (an unset CI variable) is refused, quoting it, not read as 0', async () => {
    const numberFlags = [
      '--concurrency', '--target-concurrency', '--repeats', '--warmup', '--retries', '--max-tokens', '--temperature', '--timeout-ms',
      '--stall-timeout-ms', '--drain-seconds', '--max-cost', '--max-error-rate', '--min-pass-rate', '--rate',
    ];
    const stderr = await refusedRun(numberFlags.flatMap((flag, index) => [flag, index % 2 === 0 ? '' : ' ']));
    for (const [index, flag] of numberFlags.entries()) {
      expect(stderr).toMatch(new RegExp(`Expected ${flag} to be [^\\n]*, got \`"${index % 2 === 0 ? '' : ' '}"\``));
    }
    // Alone, as a CI job would pass it: the quality gate is not silently off.
    expect(await refusedRun(['--min-pass-rate', ''])).toContain('Expected --min-pass-rate to be a number from 0 to 1, got `""`');
    const demo = await runCli(['demo', '--seed', '', '--out', join(workspace.path, 'demo-empty-seed')]);
    expect(demo.exitCode).toBe(2);
    expect(demo.stderr).toContain('Expected --seed to be an integer from 0 to 4294967295, got `""`');
    const mock = await runCli(['mock', '--port', '', '--seed', ' ']);
    expect(mock.exitCode).toBe(2);
    expect(mock.stderr).toContain('Expected --port to be an integer from 0 to 65535, got `""`');
    expect(mock.stderr).toContain('Expected --seed to be an integer from 0 to 4294967295, got `" "`');
  });

  it('an empty text flag that would change its meaning (--out "" is the current folder) is refused, naming the flag', async () => {
    const out = await runCli(['run', '--dataset', twoCases, '--target', target, '--out', '']);
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain('Expected --out to be a non-empty value, got ""');
    for (const flag of ['--cache-dir', '--judge', '--baseline', '--prices', '--prompt', '--resume']) {
      expect(await refusedRun([flag, ''])).toContain(`Expected ${flag} to be a non-empty value, got ""`);
    }
    const demo = await runCli(['demo', '--out', ' ']);
    expect(demo.exitCode).toBe(2);
    expect(demo.stderr).toContain('Expected --out to be a non-empty value, got " "');
    expect(demo.stdout).not.toContain('Simulator on');
  });

  it('mock refuses an empty --host instead of listening on every interface', async () => {
    const result = await runCli(['mock', '--host', '', '--port', '0'], { timeoutMs: 30_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Expected --host to be a non-empty value, got ""');
    expect(result.stdout).not.toContain('listening');
  });
});
