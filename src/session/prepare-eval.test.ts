import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { withDefaults } from '../config/settings/eval-settings.ts';
import { prepareEval } from './prepare-eval.ts';

let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  workspace = await makeWorkspace();
  await workspace.write('qa.jsonl', `${JSON.stringify({ id: 'q1', prompt: 'question' })}\n`);
});
afterEach(() => workspace.remove());

const chat = 'openai-compatible:m@http://127.0.0.1:9/v1';
const prepare = (given: Parameters<typeof withDefaults>[0]) => prepareEval(withDefaults({ datasets: ['qa.jsonl'], targets: [chat], out: path.join(workspace.path, 'run'), ...given }), { cwd: workspace.path, environment: { ANTHROPIC_API_KEY: 'sk-ant-test' } });

describe('prepareEval: the engine and the load settings', () => {
  it('chooses the engine, says why, and tells the user when it is not the usual SDK engine of an eval', async () => {
    const evaluation = await prepare({});
    expect(evaluation.engine).toEqual({ engine: 'sdk', reason: '--engine auto: an eval, not open-loop load' });
    expect(evaluation.notices.filter((notice) => notice.startsWith('Engine:'))).toEqual([]);
    const load = await prepare({ rate: 5 });
    expect(load.engine.engine).toBe('lean');
    expect(load.notices).toContain('Engine: lean (--engine auto: open-loop load, every target served by lean).');
    const mixed = await prepare({ rate: 5, targets: [chat, 'anthropic:claude-sonnet-4'] });
    expect(mixed.engine.engine).toBe('sdk');
    expect(mixed.notices.find((notice) => notice.startsWith('Engine:'))).toContain('Engine: sdk (--engine auto: open-loop load, but target "anthropic:claude-sonnet-4" (anthropic)');
  });

  it('refuses, before anything is made: a value that is no engine, and --cache with load or an SLO', async () => {
    await expect(prepare({ engine: 'turbo' })).rejects.toThrow('Expected --engine to be one of sdk, lean, auto, got "turbo"');
    await expect(prepare({ cache: true, rate: 5 })).rejects.toThrow('--cache answers repeated requests without sending them, which --rate cannot measure');
    await expect(prepare({ cache: true, slo: ['ttft<=500'] })).rejects.toThrow('which --slo cannot measure');
  });
});
