import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockProfilesSchema } from '../src/config/mock-profile-schema.ts';
import { startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { makeWorkspace, readJsonLines } from './support/run-folder.ts';

type Line = {
  caseId: string;
  status: 'ok' | 'error';
  step?: string;
  stepTarget?: string;
  target: string;
  attempt: number;
  final: boolean;
  output: string;
  timing: { ttftMs?: number; e2eMs?: number };
  schedule?: { sentMs?: number };
  error?: { message: string };
  pipeline?: { failedStep?: string; answered: number; attempts: number; criticalPathMs?: number; sumOfStepsMs?: number };
};

const caseIds = ['t1', 't2', 't3'];

/**
 * A pipeline per case: `classify` on the run target, then `extract` and `tone` side by side (each
 * on its own model of the same server, so the server's log says which step each request was),
 * then `draft` from both. Every model echoes its prompt, which starts with the case id.
 */
function pipelineYaml(url: string, draftModel: string): string {
  const at = (model: string) => `openai-compatible:${model}@${url}/v1`;
  const cases = caseIds.map((id) => `  - id: ${id}
    steps:
      - name: classify
        prompt: "${id} classify this ticket"
      - name: extract
        target: ${at('extract')}
        prompt: "${id} extract from {{steps.classify.output}}"
      - name: tone
        target: ${at('tone')}
        prompt: "${id} tone of {{steps.classify.output}}"
      - name: draft
        target: ${at(draftModel)}
        prompt: "${id} draft from {{steps.extract.output}} / {{steps.tone.output}}"
        assert:
          - { type: contains, value: "${id} draft" }
`);
  return `cases:\n${cases.join('')}`;
}

describe('llm-bench run with pipeline cases, against the simulator', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let server: MockServer;
  beforeEach(async () => {
    workspace = await makeWorkspace();
    const model = (id: string, extra: Record<string, unknown> = {}) => ({ id, ttftMs: { p50: 120, p90: 120 }, tokensPerSecond: 2000, answer: { policy: 'echo' }, ...extra });
    server = await startMockServer({
      profiles: mockProfilesSchema.parse({
        // The side-by-side steps answer slowly enough that a busy machine's send delays cannot separate them.
        models: [model('classify'), model('extract', { ttftMs: { p50: 600, p90: 600 } }), model('tone', { ttftMs: { p50: 600, p90: 600 } }), model('draft'), model('broken', { faultRates: { server_error: 1 } }), model('flaky')],
      }),
      faultPlan: [{ match: { model: 'flaky' }, kind: 'server_error', count: caseIds.length }],
    });
  });
  afterEach(async () => {
    await server.close();
    await workspace.remove();
  });

  const run = async (draftModel: string, extra: string[] = []) => {
    const dataset = await workspace.write('pipeline.yaml', pipelineYaml(server.url, draftModel));
    const folder = join(workspace.path, 'run');
    const result = await runCli(['run', '-d', dataset, '-t', `openai-compatible:classify@${server.url}/v1`, '--out', folder, '--warmup', '0', '--concurrency', '8', ...extra]);
    return { result, folder, lines: () => readJsonLines<Line>(join(folder, 'results.jsonl')) };
  };

  /** The server's ground truth: requests per model. */
  const sentPerModel = (model: string) => server.requests().filter((request) => request.model === model).length;

  /** The server's ground truth: answered requests per (case, model), by the case id each echoed prompt starts with. */
  const sentPerStep = () => {
    const counts = new Map<string, number>();
    for (const request of server.requests()) {
      const key = `${request.answer.split(' ')[0]} ${request.model}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };

  it('runs steps after what they need, parallel steps side by side, and writes one scored record per case', async () => {
    const { result, lines } = await run('draft');
    expect(result.exitCode, result.stderr).toBe(0);
    const records = await lines();
    for (const id of caseIds) {
      const ofCase = records.filter((line) => line.caseId === id);
      const step = (name: string) => ofCase.find((line) => line.step === name)!;
      expect(ofCase.filter((line) => line.step !== undefined).map((line) => line.step).sort()).toEqual(['classify', 'draft', 'extract', 'tone']);
      // extract and tone overlap: each was sent before the other had ended.
      const [extract, tone] = [step('extract'), step('tone')];
      const span = (line: Line) => [line.schedule!.sentMs!, line.schedule!.sentMs! + line.timing.e2eMs!] as const;
      expect(span(extract)[0]).toBeLessThan(span(tone)[1]);
      expect(span(tone)[0]).toBeLessThan(span(extract)[1]);
      // draft waited for both, and was sent the answers of both.
      expect(step('draft').schedule!.sentMs!).toBeGreaterThanOrEqual(Math.max(span(extract)[1], span(tone)[1]));
      expect(step('draft').output).toContain(`${id} extract from ${id} classify this ticket`);
      expect(step('extract')).toMatchObject({ stepTarget: `openai-compatible:extract@${server.url}/v1`, target: `openai-compatible:classify@${server.url}/v1` });
      const own = ofCase.find((line) => line.pipeline !== undefined)!;
      expect(own).toMatchObject({ status: 'ok', output: step('draft').output, pipeline: { answered: 4, attempts: 4 }, score: { passed: true } });
      // The critical path counts the parallel steps once: less than the sum of the steps.
      expect(own.pipeline!.criticalPathMs).toBe(own.timing.e2eMs);
      expect(own.pipeline!.criticalPathMs!).toBeLessThan(own.pipeline!.sumOfStepsMs!);
    }
    expect([...sentPerStep().values()].every((count) => count === 1)).toBe(true);
    expect(sentPerStep().size).toBe(caseIds.length * 4);
  });

  it('a step that fails for good leaves its case unanswered and sends no step after it; retries are per step', async () => {
    const { result, lines } = await run('broken', ['--retries', '1']);
    expect(result.exitCode).not.toBe(2);
    const records = await lines();
    for (const id of caseIds) {
      const ofCase = records.filter((line) => line.caseId === id);
      expect(ofCase.filter((line) => line.step === 'draft').map((line) => line.attempt)).toEqual([1, 2]);
      expect(ofCase.filter((line) => line.step === 'classify')).toHaveLength(1);
      expect(ofCase.find((line) => line.pipeline !== undefined)).toMatchObject({ status: 'error', pipeline: { failedStep: 'draft', answered: 3, attempts: 5 } });
      expect(ofCase.find((line) => line.pipeline !== undefined)?.error?.message).toMatch(/^step draft: /);
    }
    // Two attempts of each case's draft, and nothing else sent to that model.
    expect(sentPerModel('broken')).toBe(caseIds.length * 2);
  });

  it('a failed first step sends no dependent step at all', async () => {
    const dataset = await workspace.write('chain.yaml', `cases:\n  - id: c1\n    steps:\n      - name: first\n        prompt: "c1 first"\n      - name: second\n        prompt: "c1 second {{steps.first.output}}"\n`);
    const result = await runCli(['run', '-d', dataset, '-t', `openai-compatible:broken@${server.url}/v1`, '--out', join(workspace.path, 'chain'), '--warmup', '0', '--retries', '0']);
    expect(result.exitCode).not.toBe(2);
    const records = await readJsonLines<Line>(join(workspace.path, 'chain', 'results.jsonl'));
    expect(records.map((line) => line.step ?? 'case')).toEqual(['first', 'case']);
    expect(server.requests()).toHaveLength(1);
  });

  it('a resumed run sends no step that answered before: the server saw each answered step once', async () => {
    // Every case's draft fails once (the fault plan), with no retry: every case ends unanswered.
    const first = await run('flaky', ['--retries', '0']);
    expect(first.result.exitCode).not.toBe(2);
    const before = await first.lines();
    expect(before.filter((line) => line.pipeline !== undefined).map((line) => line.status)).toEqual(['error', 'error', 'error']);
    const resumed = await runCli(['run', '--resume', first.folder]);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const after = await first.lines();
    const counts = sentPerStep();
    // Each draft failed once (no answer to tell the case by), then answered once.
    expect(sentPerModel('flaky')).toBe(caseIds.length * 2);
    expect(server.requests()).toHaveLength(caseIds.length * 5);
    for (const id of caseIds) {
      for (const model of ['classify', 'extract', 'tone']) expect(counts.get(`${id} ${model}`), `${id} ${model}`).toBe(1);
      expect(counts.get(`${id} flaky`)).toBe(1);
      const own = after.filter((line) => line.caseId === id && line.pipeline !== undefined);
      expect(own.map((line) => ({ status: line.status, attempt: line.attempt }))).toEqual([{ status: 'error', attempt: 1 }, { status: 'ok', attempt: 2 }]);
      // The answers of the first session fed the resumed draft.
      expect(own.at(-1)?.output).toContain(`${id} extract from ${id} classify this ticket`);
      expect(own.at(-1)?.pipeline).toMatchObject({ answered: 4, attempts: 5 });
    }
  });
});

describe('a step sent to another simulated target, from the eval file', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  beforeEach(async () => {
    workspace = await makeWorkspace();
  });
  afterEach(async () => {
    await workspace.remove();
  });

  it('compares "mini throughout" with "mini, then 4o for the draft": the draft goes to 4o, at 4o\'s price, under the run target\'s label', async () => {
    const cases = ['a1', 'a2'].map((id) => `  - id: ${id}\n    steps:\n      - name: classify\n        prompt: "${id} classify"\n      - name: draft\n        prompt: "${id} draft after {{steps.classify.output}}"\n`);
    await workspace.write('pipe.yaml', `cases:\n${cases.join('')}`);
    await workspace.write(
      'llm-bench.yaml',
      'datasets: [pipe.yaml]\ntargets:\n  - target: simulated:openai/gpt-4o-mini\n    label: mini\n  - target: simulated:openai/gpt-4o-mini\n    label: mini-then-4o\n    steps: { draft: simulated:openai/gpt-4o }\nrun: { warmup: 0, concurrency: 8 }\n',
    );
    const result = await runCli(['run', '--out', 'out'], { cwd: workspace.path });
    expect(result.exitCode, result.stderr).toBe(0);
    const records = await readJsonLines<Line & { costUsd?: number }>(join(workspace.path, 'out', 'results.jsonl'));
    const draft = (target: string, id: string) => records.find((line) => line.target === target && line.caseId === id && line.step === 'draft')!;
    for (const id of ['a1', 'a2']) {
      expect(draft('mini', id).stepTarget).toBeUndefined();
      expect(draft('mini-then-4o', id).stepTarget).toBe('openai/gpt-4o');
      expect(records.find((line) => line.target === 'mini-then-4o' && line.caseId === id && line.step === 'classify')?.stepTarget).toBeUndefined();
      // Same prompt, same answer length (an echo): 4o's list price per token is many times mini's.
      expect(draft('mini-then-4o', id).costUsd!).toBeGreaterThan(draft('mini', id).costUsd! * 5);
      const own = records.filter((line) => line.caseId === id && line.pipeline !== undefined);
      expect(own.map((line) => line.target).sort()).toEqual(['mini', 'mini-then-4o']);
    }
  });
});
