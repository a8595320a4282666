import { spawn } from 'node:child_process';
import { readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { InputError } from '../config/errors.ts';
import { lockRunFolder, openPreviousRun } from './run-folder.ts';

let workspace: Awaited<ReturnType<typeof makeWorkspace>> | undefined;
afterEach(async () => workspace?.remove());

describe('lockRunFolder', () => {
  it('refuses a folder another live process is writing, and takes over the lock of a dead one', async () => {
    workspace = await makeWorkspace();
    const folder = workspace.path;
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      await workspace.write('run.lock', `${other.pid}\n`);
      await expect(lockRunFolder(folder)).rejects.toThrow(`is being written by another llm-bench (process ${other.pid})`);
    } finally {
      other.kill();
    }
    await new Promise((resolve) => other.once('exit', resolve));
    const unlock = await lockRunFolder(folder);
    expect(await readFile(join(folder, 'run.lock'), 'utf8')).toBe(`${process.pid}\n`);
    await unlock();
    await expect(readFile(join(folder, 'run.lock'), 'utf8')).rejects.toThrow();
  });
});

describe('lockRunFolder, from several processes at once', () => {
  it('lets exactly one of four processes take over a stale lock', async () => {
    workspace = await makeWorkspace();
    const folder = workspace.path;
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    await workspace.write('run.lock', `${gone.pid}\n`);
    const module = fileURLToPath(new URL('./run-folder.ts', import.meta.url));
    // The winner holds the lock until every process has had its try (its stdin closes then), not
    // for a fixed time: on a busy machine the last one can start seconds after the first.
    const script = [
      `const { lockRunFolder } = await import(${JSON.stringify(module)});`,
      `try { const unlock = await lockRunFolder(${JSON.stringify(folder)}); console.log('got'); process.stdin.resume(); await new Promise((r) => process.stdin.once('end', r)); await unlock(); }`,
      "catch (error) { console.log(error.message.includes('being written by another') ? 'refused' : `error ${error.message}`); }",
    ].join('\n');
    const children = Array.from({ length: 4 }, () => spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const exited = children.map((child) => new Promise((resolve) => child.once('exit', resolve)));
    const outcomes = await Promise.all(children.map((child) => new Promise<string>((resolve) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('\n')) resolve(output.trim());
      });
      child.once('exit', () => resolve(output.trim()));
    })));
    for (const child of children) child.stdin.end();
    await Promise.all(exited);
    expect(outcomes.sort()).toEqual(['got', 'refused', 'refused', 'refused']);
  }, 30_000);
});

describe('openPreviousRun', () => {
  const manifest = {
    runId: 'r1', startedAt: '2026-12-02T00:00:00.000Z', status: 'incomplete', settings: {}, targetSpecs: ['openai:gpt-4o-mini'], configHash: 'abc',
    identity: { datasetSha256: 'def', targets: ['openai:gpt-4o-mini'], prompts: ['default'], repeats: 1 },
    dataset: { path: 'cases.jsonl', sha256: 'def', cases: 3 },
    targets: [{ label: 'openai:gpt-4o-mini', simulated: false }],
  };

  it('reads a run folder, and refuses a run.json with a damaged field by its name instead of failing later', async () => {
    workspace = await makeWorkspace();
    await workspace.write('run.json', JSON.stringify(manifest));
    expect((await openPreviousRun(workspace.path)).manifest.runId).toBe('r1');
    await workspace.write('run.json', JSON.stringify({ ...manifest, dataset: undefined }));
    await expect(openPreviousRun(workspace.path, { command: 'report' })).rejects.toThrow(/^report .*run\.json is damaged \(dataset: /);
    await workspace.write('run.json', JSON.stringify({ ...manifest, targets: 'x' }));
    await expect(openPreviousRun(workspace.path)).rejects.toThrow(/run\.json is damaged \(targets: /);
  });

  it('with records: false reads the manifest only, says whether the last line is torn, and leaves the file as it is', async () => {
    workspace = await makeWorkspace();
    await workspace.write('run.json', JSON.stringify(manifest));
    const line = JSON.stringify({
      caseId: 'a', target: 't', prompt: 'default', repeat: 1, attempt: 1, final: true, status: 'ok', startedAt: '2026-12-02T00:00:00.000Z',
      output: 'answer', timing: { ttftMs: 120 }, usage: { estimated: false },
    });
    const text = `${line}\n${line}\n{"caseId":"c","out`;
    const path = await workspace.write('results.jsonl', text);
    const opened = await openPreviousRun(workspace.path, { command: 'report', cutTornLine: false, records: false });
    expect(opened).toMatchObject({ manifest: { runId: 'r1' }, records: [], droppedTornLine: true });
    expect(await readFile(path, 'utf8')).toBe(text);
    expect((await openPreviousRun(workspace.path, { command: 'report', cutTornLine: false })).records).toHaveLength(2);
  });

  it('refuses a run folder whose results.jsonl cannot be opened (a symlink to itself) as input, naming it and the code', async () => {
    workspace = await makeWorkspace();
    await workspace.write('run.json', JSON.stringify(manifest));
    await symlink('results.jsonl', join(workspace.path, 'results.jsonl'));
    const refusal = await openPreviousRun(workspace.path, { command: 'report' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(InputError);
    expect((refusal as Error).message).toBe(`report ${workspace.path}: cannot read or tidy the run folder: ${join(workspace.path, 'results.jsonl')} (ELOOP)`);
  });
});

