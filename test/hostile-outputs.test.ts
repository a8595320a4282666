import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodedView } from '../src/targets/decoded-view.ts';
import { startEchoKeyServer, type EchoKeyServer } from './support/echo-key-server.ts';
import { runCli, type CliResult } from './support/run-cli.ts';
import { unwrapLines } from './support/unwrap-lines.ts';
import { jsonl, makeWorkspace, readCsv, readJsonLines } from './support/run-folder.ts';

const key = 'sk-test-Hq7ZkR2vXw9LmP4tYc8NbJ3dFg';
const moves = ['escaped', 'split-stall', 'split-malformed', 'split-whole', 'disguised', 'formula'];

/** What a terminal acts on: C0 but newline and tab, DEL, C1, the bidi overrides and isolates, line and paragraph separators, tag characters. */
const terminalControl = /[\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u2028\u2029\u{E0000}-\u{E007F}]/u;

/** Every piece of 8 characters of the key (past its first character), in the text or behind any escape in it. */
function leaksOf(text: string): string[] {
  const decoded = decodedView(text)?.text ?? text;
  const pieces: string[] = [];
  for (let start = 1; start + 8 <= key.length; start++) {
    const piece = key.slice(start, start + 8);
    if (text.includes(piece) || decoded.includes(piece) || decoded.toLowerCase().includes(piece.toLowerCase())) pieces.push(piece);
  }
  return pieces;
}

async function filesOf(folder: string): Promise<Array<{ name: string; text: string }>> {
  const names = await readdir(folder, { recursive: true, withFileTypes: true });
  return Promise.all(
    names.filter((entry) => entry.isFile()).map(async (entry) => ({ name: join(entry.parentPath, entry.name), text: await readFile(join(entry.parentPath, entry.name), 'utf8') })),
  );
}

describe('nothing hostile leaves the harness: keys, terminal escapes, formulas', () => {
  let server: EchoKeyServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  const environment = () => ({
    OPENAI_API_KEY: key, OPENAI_BASE_URL: server.url, OPENAI_COMPATIBLE_API_KEY: key, ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: server.url,
  });
  const targets = () => ['--target', 'openai:gpt-4o-mini', '--target', `openai-compatible:m@${server.url}`, '--target', 'anthropic:claude-3-5-haiku-latest'];

  beforeAll(async () => {
    server = await startEchoKeyServer();
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  it('blanks a key echoed as \\u escapes, split across events (stalled or malformed), or disguised (math bold, tag characters, ESC[0m between characters), in every file and on the terminal, for all 3 protocols', async () => {
    const dataset = await workspace.write('moves.jsonl', jsonl(moves.map((move) => ({ id: move, prompt: `move ${move}` }))));
    const folder = join(workspace.path, 'run');
    const cacheDir = join(workspace.path, 'cache');
    const result = await runCli(
      ['run', '--dataset', dataset, ...targets(), '--warmup', '0', '--retries', '0', '--max-error-rate', '1', '--stall-timeout-ms', '2000', '--out', folder, '--cache', '--cache-dir', cacheDir],
      { env: environment(), timeoutMs: 80_000 },
    );
    expect(result.stderr).toBe('');
    const lines = await readJsonLines<{ caseId: string; target: string; status: string; output: string; error?: { type: string; message: string } }>(join(folder, 'results.jsonl'));
    expect(lines).toHaveLength(moves.length * 3);
    const byCase = (caseId: string) => lines.filter((line) => line.caseId === caseId);
    // Each move did reach the harness with the key in it, and left a marker where it was.
    for (const line of [...byCase('escaped'), ...byCase('split-malformed')]) {
      expect(line.status, `${line.target} ${line.caseId}`).toBe('error');
    }
    for (const line of byCase('split-stall')) {
      expect(line.error?.type, line.target).toBe('timeout');
      expect(line.output, line.target).toBe('echo [REDACTED]');
    }
    for (const line of byCase('split-whole')) expect(line.output, line.target).toContain('echo [REDACTED]');
    for (const line of byCase('disguised')) expect(line.output, line.target).toBe('bold [REDACTED] tags [[REDACTED]] ansi [REDACTED] end');
    const files = [...(await filesOf(folder)), ...(await filesOf(cacheDir).catch(() => []))];
    expect(files.map((file) => file.name).join(' ')).toMatch(/results\.csv.*|report\.html/);
    for (const { name, text } of [...files, { name: 'stdout', text: result.stdout }, { name: 'stderr', text: result.stderr }]) {
      expect(leaksOf(text), name).toEqual([]);
      expect(text, name).not.toContain(key.slice(0, 13));
    }
    expect(terminalControl.test(result.stdout + result.stderr)).toBe(false);
  });

  it('neutralises an answer that starts with a vertical tab before a formula, in results.csv', async () => {
    const dataset = await workspace.write('formula.jsonl', jsonl([{ id: 'formula', prompt: 'move formula' }]));
    const folder = join(workspace.path, 'formula-run');
    const result = await runCli(['run', '--dataset', dataset, ...targets(), '--warmup', '0', '--out', folder], { env: environment() });
    expect(result.exitCode).toBe(0);
    const rows = await readCsv(join(folder, 'results.csv'));
    expect(rows.map((row) => row.output)).toEqual(["'\v=1+1", "'\v=1+1", "'\v=1+1"]);
  });

  it('prints a 401 carrying OSC 52, OSC 8, ESC[2J, a C1 CSI, a bidi override, a forged line (U+2028) and tag characters as inert text in the STOPPED lines', async () => {
    const dataset = await workspace.write('auth.jsonl', jsonl([{ id: 'auth', prompt: 'hello' }]));
    const folder = join(workspace.path, 'auth-run');
    const result: CliResult = await runCli(['run', '--dataset', dataset, ...targets(), '--warmup', '0', '--out', folder], { env: environment() });
    expect(result.exitCode).toBe(3);
    const stopped = unwrapLines(result.stdout).split('\n').filter((line) => line.startsWith('STOPPED '));
    expect(stopped).toHaveLength(3);
    for (const line of stopped) {
      expect(line).toContain('authentication failed (HTTP 401)');
      expect(line).toContain('[REDACTED]');
      expect(line).toContain('\\x1B]52;c;cm0gLXJmIH4=\\x07');
      expect(line).toContain('\\u202Etxt.exe');
      expect(line).toContain('\\u2028llm-bench: run completed OK\\u2029');
      expect(line).toContain('\\u{E005B}\\u{E0068}');
    }
    expect(terminalControl.test(result.stdout + result.stderr)).toBe(false);
    for (const text of [result.stdout, result.stderr, ...(await filesOf(folder)).map((file) => file.text)]) expect(leaksOf(text)).toEqual([]);
  });

  it('reports an error thrown outside the top-level catch (a timer, a callback) with the key blanked and its escapes inert, exit 1', async () => {
    const inject = fileURLToPath(new URL('./support/inject-uncaught-error.ts', import.meta.url));
    const result = await runCli(['validate', 'datasets/smoke.jsonl'], { env: { OPENAI_API_KEY: key, NODE_OPTIONS: `--import=${inject}` } });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('llm-bench: unexpected error (this is a bug; please report it):');
    expect(result.stderr).toContain('Authorization: Bearer [REDACTED] \\x1B]52;c;');
    expect(leaksOf(result.stdout + result.stderr)).toEqual([]);
    expect(terminalControl.test(result.stdout + result.stderr)).toBe(false);
  });

  it('blanks a key that yargs quotes back from the command line (given where a command was expected), exit 2', async () => {
    const result = await runCli([key, '--label', `\x1B[2J${key}`], { env: { OPENAI_API_KEY: key } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Unknown argument');
    expect(leaksOf(result.stdout + result.stderr)).toEqual([]);
    expect(terminalControl.test(result.stdout + result.stderr)).toBe(false);
  });
});
