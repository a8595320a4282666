import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { jsonl, makeWorkspace } from './support/run-folder.ts';

const cliPath = fileURLToPath(new URL('../bin/llm-bench.js', import.meta.url));
const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** The CLI with stdout and stderr apart and unfiltered, as a log or a pipe receives them. */
function runCliRaw(args: string[], env: Record<string, string> = {}): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

const cases = jsonl([
  { id: 'capital', prompt: 'What is the capital of France?', expected: 'Paris' },
  { id: 'sum', prompt: 'What is 2 + 2?', expected: '4' },
]);

describe('live progress (stderr)', () => {
  it('off a terminal, prints plain progress lines on stderr, the last one at 100%, and none on stdout', async () => {
    const workspace = await makeWorkspace();
    try {
      const dataset = await workspace.write('cases.jsonl', cases);
      const result = await runCliRaw(['demo', '--dataset', dataset, '--out', join(workspace.path, 'run')]);
      expect(result.exitCode, result.stderr).toBe(0);
      const lines = result.stderr.split('\n').filter(Boolean);
      // Two cases on the demo's four targets: 8 slots.
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((line) => line.startsWith('progress: '))).toBe(true);
      // A CI log's lines stay within 99 columns: four targets do not fit beside the run, so each has its own line.
      expect(lines.every((line) => line.length <= 99)).toBe(true);
      expect(lines.slice(-5)).toEqual([
        expect.stringMatching(/^progress: 8\/8 \(100%\) · finished in \d+s · spent \$[\d.]+$/),
        expect.stringMatching(/^progress: {3}openai\/gpt-4o-mini@openai: TTFT p50 \d+ms, pass \d+%$/),
        expect.stringMatching(/^progress: {3}openai\/gpt-4o-mini@azure: TTFT p50 \d+ms, pass \d+%$/),
        expect.stringMatching(/^progress: {3}openai\/gpt-4o: TTFT p50 \d+ms, pass \d+%$/),
        expect.stringMatching(/^progress: {3}anthropic:claude-sonnet-4: TTFT p50 \d+ms, pass \d+%$/),
      ]);
      expect(result.stderr).not.toContain('\x1b');
      expect(result.stdout).not.toContain('progress:');
      expect(result.stdout).toContain('anthropic:claude-sonnet-4 (simulated)');
    } finally {
      await workspace.remove();
    }
  });

  it('prints nothing on stderr with --quiet', async () => {
    const workspace = await makeWorkspace();
    try {
      const dataset = await workspace.write('cases.jsonl', cases);
      const result = await runCliRaw(['demo', '--quiet', '--dataset', dataset, '--out', join(workspace.path, 'run')]);
      expect(result.exitCode).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('anthropic:claude-sonnet-4 (simulated)');
    } finally {
      await workspace.remove();
    }
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('on a terminal (a pty from script(1)), redraws one line in place, in colour, and erases it before the summary', async () => {
    const workspace = await makeWorkspace();
    try {
      const dataset = await workspace.write('cases.jsonl', cases);
      const command = `stty cols 100 rows 40; exec '${process.execPath}' '${cliPath}' demo --dataset '${dataset}' --out '${join(workspace.path, 'run')}'`;
      const result = await new Promise<{ exitCode: number | null; output: string }>((resolve, reject) => {
        const child = spawn('script', ['-qefc', command, '/dev/null'], {
          cwd: projectRoot,
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm-256color' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
        child.on('error', reject);
        child.on('close', (exitCode) => {
          clearTimeout(timer);
          resolve({ exitCode, output });
        });
      });
      expect(result.exitCode, result.output).toBe(0);
      const erase = result.output.lastIndexOf('\r\x1b[K');
      const table = result.output.indexOf('(simulated)');
      // Drawn in place (each frame starts at the line's start and clears what it left), coloured.
      const frames = result.output.slice(0, erase).split('\r').filter((frame) => frame.endsWith('\x1b[K'));
      expect(frames.length).toBeGreaterThan(0);
      expect(frames.every((frame) => /^\S* ?\d\/8 \d+%/.test(stripVTControlCharacters(frame)) && !frame.includes('\n'))).toBe(true);
      expect(frames.some((frame) => frame.includes('\x1b[36m'))).toBe(true);
      expect(result.output).not.toContain('progress: ');
      // Erased before the summary is printed.
      expect(erase).toBeGreaterThan(-1);
      expect(erase).toBeLessThan(table);
    } finally {
      await workspace.remove();
    }
  });

  it.skipIf(!hasScript)('on a terminal, Ctrl-C erases the live line before the notice, and no frame after it promises an ETA', async () => {
    const workspace = await makeWorkspace();
    try {
      // Enough slow requests, one at a time, that the run is still sending when the signal comes.
      const dataset = await workspace.write('cases.jsonl', jsonl(Array.from({ length: 40 }, (_, index) => ({ id: `c${index}`, prompt: `Say ${index}.`, expected: `${index}` }))));
      const pidFile = join(workspace.path, 'pid');
      // The shell's pid is the CLI's once it execs: the test signals the CLI itself, as Ctrl-C does.
      const command = `stty cols 100 rows 40; echo $$ > '${pidFile}'; exec '${process.execPath}' '${cliPath}' run --dataset '${dataset}' -t simulated:openai/gpt-4o -c 1 --drain-seconds 2 --out '${join(workspace.path, 'run')}'`;
      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn('script', ['-qefc', command, '/dev/null'], {
          cwd: projectRoot,
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm-256color' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let text = '';
        let signalled = false;
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          // Once a frame with an ETA is on the screen, the run is sending: Ctrl-C.
          if (!signalled && text.includes('ETA')) {
            signalled = true;
            void readFile(pidFile, 'utf8').then((pid) => process.kill(Number(pid.trim()), 'SIGINT'));
          }
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
        child.on('error', reject);
        child.on('close', () => {
          clearTimeout(timer);
          resolve(text);
        });
      });
      const notice = output.indexOf('SIGINT: no new requests');
      expect(notice, output).toBeGreaterThan(-1);
      // The last frame before the notice is erased (CSI K) right before it: no stale line above the notice.
      expect(output.slice(0, notice)).toMatch(/\r\x1b\[K\r?\n$/u);
      // Frames drawn while the request in flight finishes (if it takes 100 ms or more) promise no ETA.
      expect(stripVTControlCharacters(output.slice(notice))).not.toContain('ETA');
    } finally {
      await workspace.remove();
    }
  });
});
