import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { withDefaults } from '../config/settings/eval-settings.ts';
import type { RunDependencies } from '../runner/index.ts';
import { runEval } from './run-eval.ts';

let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  workspace = await makeWorkspace();
});
afterEach(() => workspace.remove());

const target = 'openai-compatible:m@http://127.0.0.1:9/v1';
const dataset = `cases:
  - id: t1
    steps:
      - name: classify
        prompt: "classify the ticket"
        assert: [{ type: contains, value: billing }]
      - name: draft
        prompt: "draft for {{steps.classify.output}}"
        assert: [{ type: contains, value: Dear }]
    assert: [{ type: contains, value: Acme }]
  - id: t2
    steps:
      - name: classify
        prompt: "classify the ticket"
      - name: draft
        prompt: "draft for {{steps.classify.output}}"
        assert: [{ type: contains, value: Dear }]
`;

/** An in-memory model: `billing` to a classify step, `Dear customer` (cost 0.002) to a draft. */
const attempt: NonNullable<RunDependencies['attempt']> = async (request) => {
  const text = JSON.stringify(request.testCase.messages);
  return {
    startedAt: new Date(0).toISOString(),
    timing: { ttftMs: 5, e2eMs: 10 },
    usage: { inputTokens: 3, outputTokens: 1, estimated: false },
    costUsd: 0.001,
    output: text.includes('draft for billing') ? 'Dear customer' : 'billing',
  };
};

describe('executePlan with pipeline cases', () => {
  it('scores each step by its own scorers and the case by its own, else by its output step\'s', async () => {
    await workspace.write('pipe.yaml', dataset);
    const settings = withDefaults({ datasets: ['pipe.yaml'], targets: [target], warmup: 0, out: path.join(workspace.path, 'run') });
    const outcome = await runEval(settings, { cwd: workspace.path, environment: {}, attempt });
    const score = (caseId: string, step?: string) => outcome.records.find((record) => record.caseId === caseId && record.step === step)?.score;
    expect(score('t1', 'classify')).toMatchObject({ passed: true });
    expect(score('t1', 'draft')).toMatchObject({ passed: true });
    // t1's own scorer wants Acme, which the draft lacks: the final output fails, its steps pass.
    expect(score('t1')).toMatchObject({ passed: false });
    // t2 has no scorer of its own: its final output is scored as its draft is.
    expect(score('t2')).toMatchObject({ passed: true });
    expect(score('t2', 'classify')).toBeUndefined();
    const own = outcome.records.find((record) => record.caseId === 't1' && record.pipeline);
    expect(own?.costUsd).toBeCloseTo(0.002, 10);
  });
});
