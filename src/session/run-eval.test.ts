import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, readJsonLines } from '../../test/support/run-folder.ts';
import { withDefaults } from '../config/settings/eval-settings.ts';
import type { AttemptRecord } from '../records/index.ts';
import type { RunEvent } from '../reports/index.ts';
import type { RunDependencies } from '../runner/index.ts';
import { runEval } from './run-eval.ts';

let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  workspace = await makeWorkspace();
  await mkdir(path.join(workspace.path, 'a'));
  await mkdir(path.join(workspace.path, 'b'));
});
afterEach(() => workspace.remove());

const target = 'openai-compatible:m@http://127.0.0.1:9/v1';
/** An in-memory model: answers `yes` to dataset a's q1, `no` to everything else; nothing is sent. */
const attempt: NonNullable<RunDependencies['attempt']> = async (request) => ({
  startedAt: new Date(0).toISOString(),
  timing: { ttftMs: 5, e2eMs: 10 },
  usage: { inputTokens: 3, outputTokens: 1, estimated: false },
  output: request.testCase.dataset === 'a/qa' && request.testCase.id === 'q1' ? 'yes' : 'no',
});

describe('the run core without HTTP', () => {
  it('runs two datasets that share case ids as separate cases, scores into new records, and tells each step as an event', async () => {
    const line = (id: string) => `${JSON.stringify({ id, prompt: `question ${id}`, assert: [{ type: 'contains', value: 'yes' }] })}\n`;
    await workspace.write('a/qa.jsonl', line('q1') + line('q2'));
    await workspace.write('b/qa.jsonl', line('q1'));
    const events: RunEvent[] = [];
    const settings = withDefaults({ datasets: ['a/*.jsonl', 'b/qa.jsonl'], targets: [target], warmup: 0, out: path.join(workspace.path, 'run') });
    const outcome = await runEval(settings, { cwd: workspace.path, environment: {}, attempt, onEvent: (event) => void events.push(event) });

    expect(events.map((event) => event.type)).toEqual(['run-started', 'attempt-done', 'attempt-done', 'attempt-done', 'run-finished']);
    expect(events[0]).toMatchObject({ type: 'run-started', plannedRequests: 3, alreadyDone: 0, targets: [target] });
    const done = events.flatMap((event) => (event.type === 'attempt-done' ? [event.record] : []));
    expect(done.map((record) => `${record.dataset}/${record.caseId}:${record.score?.passed}`).sort()).toEqual(['a/qa/q1:true', 'a/qa/q2:false', 'b/qa/q1:false']);
    expect(outcome.summaries[0]).toMatchObject({ requests: 3, scored: 3, passed: 1 });
    const written = await readJsonLines<AttemptRecord>(path.join(outcome.folder, 'results.jsonl'));
    expect(written.map((record) => record.dataset).sort()).toEqual(['a/qa', 'a/qa', 'b/qa']);
  });

  it('resumes from the records it committed: only the failed slot is sent again', async () => {
    await workspace.write('a/qa.jsonl', '{"id":"q1","prompt":"one"}\n{"id":"q2","prompt":"two"}\n');
    const settings = withDefaults({ datasets: ['a/qa.jsonl'], targets: [target], warmup: 0, retries: 0, out: path.join(workspace.path, 'run') });
    const failing: typeof attempt = async (request) =>
      request.testCase.id === 'q2'
        ? { startedAt: new Date(0).toISOString(), timing: {}, usage: { estimated: false }, output: '', error: { type: 'server_error', message: 'down', httpStatus: 503 } }
        : attempt(request, {} as never, {} as never);
    const first = await runEval(settings, { cwd: workspace.path, environment: {}, attempt: failing });
    expect(first.records.filter((record) => record.status === 'error')).toHaveLength(1);

    const sent: string[] = [];
    const resumed = await runEval(settings, {
      cwd: workspace.path,
      environment: {},
      resume: first.folder,
      attempt: async (request, ...rest) => {
        sent.push(request.testCase.id);
        return attempt(request, ...rest);
      },
    });
    expect(sent).toEqual(['q2']);
    expect(resumed.resumed).toEqual({ slotsAlreadyDone: 1, droppedTornLine: false });
    expect(resumed.summaries[0]).toMatchObject({ requests: 2, ok: 2 });
  });

  it('leaves its folder unlocked when a caller\'s onEvent throws, and the error reaches the caller', async () => {
    await workspace.write('a/qa.jsonl', '{"id":"q1","prompt":"one"}\n');
    const out = path.join(workspace.path, 'run');
    const settings = withDefaults({ datasets: ['a/qa.jsonl'], targets: [target], warmup: 0, out });
    const failed = await runEval(settings, {
      cwd: workspace.path,
      environment: {},
      attempt,
      onEvent: (event) => {
        if (event.type === 'attempt-done') throw new Error('reporter bug');
      },
    }).catch((error: unknown) => error);
    expect((failed as Error).message).toBe('reporter bug');
    expect(await readdir(out)).not.toContain('run.lock');
  });

  it('returns targets without their keys, and writes a default run folder under its cwd', async () => {
    await workspace.write('a/qa.jsonl', '{"id":"q1","prompt":"one"}\n');
    const key = 'sk-compatible-0123456789';
    const outcome = await runEval(withDefaults({ datasets: ['a/qa.jsonl'], targets: [target], warmup: 0 }), {
      cwd: workspace.path,
      environment: { OPENAI_COMPATIBLE_API_KEY: key },
      attempt,
    });
    expect(JSON.stringify(outcome)).not.toContain(key);
    expect(outcome.targets).toEqual([expect.objectContaining({ label: target, kind: 'openai-compatible', simulated: false })]);
    expect(path.relative(workspace.path, outcome.folder)).toMatch(/^reports\/\d{8}T\d{6}Z-[0-9a-f]{6}$/);
  });

  it('lets one of two runs of one process that start at once into one folder, and refuses the other', async () => {
    await workspace.write('a/qa.jsonl', '{"id":"q1","prompt":"one"}\n');
    const settings = withDefaults({ datasets: ['a/qa.jsonl'], targets: [target], warmup: 0, out: path.join(workspace.path, 'run') });
    const both = await Promise.allSettled([0, 1].map(() => runEval(settings, { cwd: workspace.path, environment: {}, attempt })));
    expect(both.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = both.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason)).toMatch(/being written by another run of this process|already holds a run's results\.jsonl/);
  });
});
