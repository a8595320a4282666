import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { withDefaults } from '../config/settings/eval-settings.ts';
import { keyNames } from '../config/settings/setting-names.ts';
import { countTokens as simulatorTokens } from '../mock/tokens.ts';
import { loadEvalInputs } from './load-eval-inputs.ts';

let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  workspace = await makeWorkspace();
  await workspace.write('qa.jsonl', `${JSON.stringify({ id: 'q1', prompt: 'question' })}\n`);
});
afterEach(() => workspace.remove());

const chat = 'openai-compatible:m@http://127.0.0.1:9/v1';
const load = (given: Parameters<typeof withDefaults>[0], names?: typeof keyNames) =>
  loadEvalInputs(withDefaults({ targets: [chat], ...given }), { cwd: workspace.path, environment: {}, ...(names ? { names } : {}) });

describe('loadEvalInputs with --synthetic', () => {
  it('needs no dataset: the generated cases are the run\'s, one dataset named synthetic', async () => {
    const inputs = await load({ synthetic: ['input=200,output=20,cases=3'] });
    expect(inputs.datasets.map((dataset) => [dataset.name, dataset.cases.length])).toEqual([['synthetic', 3]]);
    expect(inputs.cases.map((testCase) => [testCase.id, testCase.maxOutputTokens, testCase.dataset])).toEqual([
      ['in200-out20-01', 20, undefined],
      ['in200-out20-02', 20, undefined],
      ['in200-out20-03', 20, undefined],
    ]);
    expect(inputs.datasetsHash).toBe(inputs.datasets[0]!.hash);
  });

  it('identifies the run by the shapes and the seed: another seed or shape is another datasets hash', async () => {
    const base = (await load({ synthetic: ['input=200,output=20,cases=2'], seed: 1 })).datasetsHash;
    expect((await load({ synthetic: ['input=200,output=20,cases=2'], seed: 1 })).datasetsHash).toBe(base);
    expect((await load({ synthetic: ['input=200,output=20,cases=2'], seed: 2 })).datasetsHash).not.toBe(base);
    expect((await load({ synthetic: ['input=200,output=21,cases=2'], seed: 1 })).datasetsHash).not.toBe(base);
  });

  it('runs beside datasets, each case marked with its dataset', async () => {
    const inputs = await load({ datasets: ['qa.jsonl'], synthetic: ['input=200,output=20,cases=1'] });
    expect(inputs.cases.map((testCase) => [testCase.dataset, testCase.id])).toEqual([
      ['qa', 'q1'],
      ['synthetic', 'in200-out20-01'],
    ]);
  });

  it('expects a dataset or --synthetic, and names the flag or the file key of a bad spec, beside every other problem', async () => {
    await expect(load({})).rejects.toThrow('Expected a dataset: --dataset FILE or --synthetic SHAPE, or `datasets:` or `synthetic:` in the eval file');
    const both = await load({ synthetic: ['input=1kb,output=20'], targets: [] }).catch((error: Error) => error.message);
    expect(String(both).split('\n')).toEqual([
      'Expected at least one target: --target SPEC, or `targets:` in the eval file',
      '--synthetic "input=1kb,output=20": input: expected a whole number of tokens such as 1000 or 1k, got "1kb"',
    ]);
    await expect(load({ synthetic: ['input=200,output=20', 'input=200,output=0'] }, keyNames)).rejects.toThrow('synthetic[1]: output: expected 1 to 1,000,000 tokens, got 0');
  });

  it('lets the simulator answer each synthetic case at least at its length, so that max tokens ends the answer', async () => {
    const inputs = await load({ synthetic: ['input=200,output=30,cases=2'], targets: ['simulated:openai:gpt-4o-mini'] });
    try {
      const known = inputs.simulator!.knowledge;
      expect(known.unknown).toEqual([]);
      expect(known.cases.map((mockCase) => [mockCase.id, simulatorTokens(mockCase.right!.text) > 30, mockCase.wrong])).toEqual([
        ['in200-out30-01', true, undefined],
        ['in200-out30-02', true, undefined],
      ]);
      // The run's own cases do not carry that answer: there is no right text, only a length.
      expect(inputs.cases.every((testCase) => testCase.expected === undefined && testCase.assert.length === 1)).toBe(true);
    } finally {
      await inputs.simulator?.close();
    }
  });
});
