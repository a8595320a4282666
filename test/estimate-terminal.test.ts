import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { jsonl, makeWorkspace, testPrices } from './support/run-folder.ts';

const cliPath = fileURLToPath(new URL('../bin/llm-bench.js', import.meta.url));
/** util-linux `script` gives the CLI a terminal (a pseudo-terminal) and passes our stdin to it. */
const hasScript = process.platform === 'linux' && spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

/** Runs the CLI on a terminal, answers `answer` once the question is asked, and returns what it printed and its exit code. */
function runOnTerminal(args: string[], answer: string): Promise<{ output: string; exitCode: number | null }> {
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, cliPath, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let answered = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (!answered && output.includes('[y/N]')) {
        answered = true;
        child.stdin.write(`${answer}\n`);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ output, exitCode });
    });
  });
}

describe.skipIf(!hasScript)('--confirm-above on a terminal', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let dataset: string;
  let prices: string;
  beforeAll(async () => {
    server = await startMockServer({ profiles: constantMockProfiles({ id: 'priced', ttftMs: 5, tokensPerSecond: 20_000, answer: { policy: 'echo' } }) });
    workspace = await makeWorkspace();
    dataset = await workspace.write('tiny.jsonl', jsonl([{ id: 'q1', prompt: 'What is the capital of France?' }, { id: 'q2', prompt: 'Name a prime number.' }]));
    prices = await workspace.write('prices.yaml', testPrices(['priced']));
  });
  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });
  const run = (folder: string, answer: string) =>
    runOnTerminal(['run', '-d', dataset, '-t', `priced=openai-compatible:priced@${server.url}/v1`, '--prices', prices, '--max-tokens', '50', '--warmup', '0', '--confirm-above', '0.000001', '--quiet', '--out', folder], answer);

  it('asks before anything is sent: no stops the run (exit code 5, nothing sent), yes runs it', async () => {
    const declined = join(workspace.path, 'declined');
    const no = await run(declined, 'n');
    expect(no.output).toMatch(/Estimated 0\.0000\d+ USD at most is above --confirm-above 0\.000001: run\? \[y\/N\]/);
    expect(no.output).toContain('Not run: nothing was sent.');
    // The question is plain text: no cursor sequence of a line editor.
    expect(no.output).not.toContain('\\x1B');
    expect(no.exitCode).toBe(5);
    expect(server.requests()).toHaveLength(0);
    expect(existsSync(declined)).toBe(false);

    const yes = await run(join(workspace.path, 'confirmed'), 'y');
    expect(yes.exitCode).toBe(0);
    expect(server.requests()).toHaveLength(2);
  });
});
