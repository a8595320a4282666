import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli, startCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readCsv, readJsonLines } from './support/run-folder.ts';

type Line = { caseId: string; status: string; final: boolean; attempt: number; output: string };
const caseCount = 16;

describe('interrupting and resuming a run', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let server: MockServer;
  let dataset: string;
  let folder: string;
  let args: string[];

  beforeEach(async () => {
    // Echo answers: each request's answer is its own prompt, so the server's log says which case it was.
    server = await startMockServer({ profiles: constantMockProfiles({ id: 'slow', ttftMs: 250, tokensPerSecond: 40, answer: { policy: 'echo' } }) });
    workspace = await makeWorkspace();
    const cases = Array.from({ length: caseCount }, (_, index) => ({ id: `case-${index}`, prompt: `Repeat after me: item number ${index}` }));
    dataset = await workspace.write('cases.jsonl', jsonl(cases));
    folder = join(workspace.path, 'run');
    args = ['run', '--dataset', dataset, '--target', `openai-compatible:slow@${server.url}/v1`, '--concurrency', '2', '--warmup', '0'];
  });
  afterEach(async () => {
    await server.close();
    await workspace.remove();
  });

  /** Server-side count of answered requests per case (a paid call each). */
  const callsPerCase = () => {
    const counts = new Map<string, number>();
    for (const request of server.requests()) counts.set(request.answer, (counts.get(request.answer) ?? 0) + 1);
    return counts;
  };

  /** Waits until the run has committed some answers (not a fixed sleep: a loaded machine starts slowly). */
  const answersCommitted = async (count: number) => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(50)) {
      const lines = await readJsonLines<Line>(join(folder, 'results.jsonl')).catch(() => []);
      if (lines.filter((line) => line.status === 'ok').length >= count) return;
    }
    throw new Error(`no ${count} answers committed in 30 s`);
  };

  /** Waits until the run has committed `count` lines, whatever they are. */
  const linesCommitted = async (count: number) => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(50)) {
      const lines = await readJsonLines<Line>(join(folder, 'results.jsonl')).catch(() => []);
      if (lines.length >= count) return;
    }
    throw new Error(`no ${count} lines committed in 30 s`);
  };

  /** Resolves once a child's stderr has said `text` (the test's timeout bounds the wait). */
  const stderrIncludes = (stderr: Readable, text: string) =>
    new Promise<void>((resolve) => {
      let said = '';
      const listen = (chunk: Buffer) => {
        said += chunk.toString();
        if (!said.includes(text)) return;
        stderr.off('data', listen);
        resolve();
      };
      stderr.on('data', listen);
    });

  /** Waits (up to 30 s) until the server has been sent more than `count` requests. */
  const requestsBeyond = async (count: number) => {
    for (const deadline = Date.now() + 30_000; server.requests().length <= count && Date.now() < deadline; ) await sleep(50);
  };

  const expectOneFinalResultPerCase = async () => {
    const lines = await readJsonLines<Line>(join(folder, 'results.jsonl'));
    const okPerCase = new Map<string, number>();
    for (const line of lines) if (line.status === 'ok') okPerCase.set(line.caseId, (okPerCase.get(line.caseId) ?? 0) + 1);
    expect(okPerCase.size).toBe(caseCount);
    expect([...okPerCase.values()].every((count) => count === 1)).toBe(true);
    const rows = await readCsv(join(folder, 'results.csv'));
    expect(rows.filter((row) => row.final === 'true')).toHaveLength(caseCount);
    return lines;
  };

  it('stops on Ctrl-C with exit code 130 and incomplete reports; --resume sends only what is missing', async () => {
    const first = startCli([...args, '--out', folder]);
    await answersCommitted(2);
    first.child.kill('SIGINT');
    const interrupted = await first.done;
    expect(interrupted.exitCode).toBe(130);
    expect(interrupted.stderr).toContain('no new requests');
    const run = JSON.parse(await readFile(join(folder, 'run.json'), 'utf8'));
    expect(run.status).toBe('incomplete');
    const answeredBefore = (await readJsonLines<Line>(join(folder, 'results.jsonl'))).filter((line) => line.status === 'ok');
    expect(answeredBefore.length).toBeGreaterThan(0);
    expect(answeredBefore.length).toBeLessThan(caseCount);

    const resumed = await runCli(['run', '--resume', folder, '--concurrency', '4', '--warmup', '0']);
    expect(resumed.stderr).toBe('');
    expect(resumed.exitCode).toBe(0);
    expect(resumed.stdout).toContain(`Resumed: ${answeredBefore.length} requests were already answered`);
    await expectOneFinalResultPerCase();
    // No answered case was paid for twice.
    expect([...callsPerCase().values()].every((count) => count === 1)).toBe(true);
    expect(JSON.parse(await readFile(join(folder, 'run.json'), 'utf8')).status).toBe('completed');
  });

  it('after SIGKILL mid-write, drops the torn last line, removes the half-written reports and completes the run', async () => {
    const first = startCli([...args, '--out', folder]);
    await answersCommitted(2);
    first.child.kill('SIGKILL');
    await first.done;
    // As if the kill had landed in the middle of writing a line.
    await appendFile(join(folder, 'results.jsonl'), '{"caseId":"case-9","status":"ok","outp');
    // As if it had landed while the reports were being written: their temporary files are left.
    for (const name of ['results.csv', 'summary.csv', 'report.html']) await writeFile(join(folder, `${name}.tmp-${first.child.pid}`), 'half a report');

    const resumed = await runCli(['run', '--resume', folder, '--warmup', '0']);
    expect(resumed.exitCode).toBe(0);
    expect(resumed.stdout).toContain('half-written last line');
    await expectOneFinalResultPerCase();
    expect((await readdir(folder)).filter((name) => name.includes('.tmp-'))).toEqual([]);
    // A request in flight at the kill was never committed, so it may be sent again; a committed one never is.
    const lines = await readJsonLines<Line>(join(folder, 'results.jsonl'));
    const calls = callsPerCase();
    for (const line of lines.filter((entry) => entry.status === 'ok')) expect(calls.get(line.output)).toBeLessThanOrEqual(2);
  });

  it('a first Ctrl-C is not held up by a rate-limit wait: the run ends within --drain-seconds; a second exits at once', async () => {
    // Every request is told to come back in 6 minutes (capped at 60 s): without the stop ending
    // the wait, the drain would last a minute.
    await server.close();
    server = await startMockServer({
      profiles: constantMockProfiles({ id: 'slow', ttftMs: 10, tokensPerSecond: 1000, answer: { policy: 'echo' } }),
      faultPlan: [{ kind: 'rate_limit_reset', count: 1000 }],
    });
    const limited = ['run', '--dataset', dataset, '--target', `openai-compatible:slow@${server.url}/v1`, '--concurrency', '2', '--warmup', '0'];
    const first = startCli([...limited, '--drain-seconds', '2', '--out', folder]);
    // Stopped once the 429s are committed, so the run is in its wait.
    await linesCommitted(2);
    const stoppedAt = performance.now();
    first.child.kill('SIGINT');
    const interrupted = await first.done;
    expect(interrupted.exitCode).toBe(130);
    // Far short of the minute's wait, on however busy a machine: it was not sat out.
    expect(performance.now() - stoppedAt).toBeLessThan(20_000);
    const lines = await readJsonLines<Line>(join(folder, 'results.jsonl'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.status === 'error')).toBe(true);
    expect(JSON.parse(await readFile(join(folder, 'run.json'), 'utf8')).status).toBe('incomplete');

    // A second signal during the drain quits at once, losing no committed line.
    const second = startCli([...limited, '--out', join(workspace.path, 'second'), '--drain-seconds', '30']);
    const sentBefore = server.requests().length;
    await requestsBeyond(sentBefore);
    // The second signal is sent once the first was taken: two sent together can arrive as one.
    const draining = stderrIncludes(second.child.stderr, 'SIGTERM: no new requests');
    second.child.kill('SIGTERM');
    await draining;
    const quitAt = performance.now();
    second.child.kill('SIGTERM');
    const quit = await second.done;
    expect(quit.exitCode).toBe(130);
    // Far short of the 30 s drain it cut.
    expect(performance.now() - quitAt).toBeLessThan(10_000);
    const secondLines = await readFile(join(workspace.path, 'second', 'results.jsonl'), 'utf8');
    expect(secondLines === '' || secondLines.endsWith('\n')).toBe(true);
  });

  it('report rebuilds the reports of a killed run from results.jsonl, sending nothing and changing nothing', async () => {
    const first = startCli([...args, '--target', `second=openai-compatible:slow@${server.url}/v1`, '--out', folder]);
    await answersCommitted(4);
    first.child.kill('SIGKILL');
    await first.done;
    await appendFile(join(folder, 'results.jsonl'), '{"caseId":"case-9","status":"ok","outp');
    const committed = await readFile(join(folder, 'results.jsonl'), 'utf8');
    const sent = server.requests().length;

    const report = await runCli(['report', folder]);
    expect(report.stderr).toBe('');
    expect(report.exitCode).toBe(0);
    expect(report.stdout).toContain('half-written last line of results.jsonl was left out');
    expect(report.stdout).toContain('INCOMPLETE');
    const summary = await readCsv(join(folder, 'summary.csv'));
    expect(summary.map((row) => row.target)).toEqual([`openai-compatible:slow@${server.url}/v1`, 'second']);
    for (const row of summary) expect(Number(row.requests) + Number(row.not_sent)).toBe(caseCount);
    expect(await readFile(join(folder, 'report.html'), 'utf8')).toContain('case-0');
    // Nothing sent, nothing cut: the torn line is left for --resume.
    expect(server.requests()).toHaveLength(sent);
    expect(await readFile(join(folder, 'results.jsonl'), 'utf8')).toBe(committed);

    const rebased = await runCli(['report', folder, '--baseline', 'second']);
    expect(rebased.exitCode).toBe(0);
    expect((await readCsv(join(folder, 'comparison.csv')))[0]).toMatchObject({ baseline_target: 'second', target: `openai-compatible:slow@${server.url}/v1` });
    const unknown = await runCli(['report', folder, '--baseline', 'nobody']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('--baseline nobody: no such target in the run');
    const empty = await runCli(['report', folder, '--baseline', '']);
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toContain('Expected --baseline to be a non-empty value, got ""');
  });

  it('refuses to resume a folder that holds no run, and leaves nothing in it', async () => {
    for (const notARun of [join(workspace.path, 'missing'), dataset, workspace.path]) {
      const result = await runCli(['run', '--resume', notARun]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(`--resume ${notARun}: not an llm-bench run folder (no run.json there)`);
    }
    await expect(readFile(join(workspace.path, 'run.lock'))).rejects.toThrow();
  });

  it('refuses to resume when the dataset changed, unless --force', async () => {
    expect((await runCli([...args, '--out', folder])).exitCode).toBe(0);
    await writeFile(dataset, jsonl([{ id: 'other', prompt: 'a different dataset' }]));
    const refused = await runCli(['run', '--resume', folder]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/--resume .*: the dataset file \(or the files a dataset glob matches\) changed since the run started/);
    const forced = await runCli(['run', '--resume', folder, '--force', '--warmup', '0']);
    expect(forced.exitCode).toBe(0);
  });
});
