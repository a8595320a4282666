import { beforeAll, describe, expect, it } from 'vitest';
import { countTokens as simulatorTokens } from '../../mock/tokens.ts';
import { loadTokenCounter, type TokenCounter } from '../../runner/token-counter.ts';
import { syntheticDataset, syntheticSystem } from './synthetic-dataset.ts';
import { parseSyntheticSpecs } from './synthetic-spec.ts';

let countTokens: TokenCounter;
beforeAll(async () => {
  countTokens = await loadTokenCounter({ whole: true });
});

const generate = (specs: string[], seed = 1) => syntheticDataset(parseSyntheticSpecs(specs, { item: () => '--synthetic', setting: '--synthetic' }), { seed, countTokens });
const promptOf = (testCase: { messages: Array<{ content: unknown }> }) => testCase.messages[0]!.content as string;
/** The whole prompt as sent, counted as estimates count a conversation (system, then the user message). */
const inputTokensOf = (testCase: { system?: string; messages: Array<{ content: unknown }> }) => countTokens(`${testCase.system}\n${promptOf(testCase)}`);

describe('syntheticDataset', () => {
  it('makes prompts of exactly the input tokens asked, for each of the published shapes', () => {
    const { dataset } = generate(['input=100|1k|10k|100k,output=200,cases=2', 'input=137,output=1,cases=2']);
    expect(dataset.cases.map((testCase) => [testCase.id, inputTokensOf(testCase)])).toEqual([
      ['in100-out200-01', 100],
      ['in100-out200-02', 100],
      ['in1000-out200-01', 1000],
      ['in1000-out200-02', 1000],
      ['in10000-out200-01', 10000],
      ['in10000-out200-02', 10000],
      ['in100000-out200-01', 100000],
      ['in100000-out200-02', 100000],
      ['in137-out1-01', 137],
      ['in137-out1-02', 137],
    ]);
  });

  it('asks for the output length in words and as max tokens, and checks it with output-tokens', () => {
    const { dataset } = generate(['input=1000,output=200,cases=1']);
    const [testCase] = dataset.cases;
    expect(dataset.name).toBe('synthetic');
    expect(testCase).toMatchObject({
      id: 'in1000-out200-01',
      line: 1,
      system: syntheticSystem,
      maxOutputTokens: 200,
      assert: [{ type: 'output-tokens', value: 200 }],
      tags: ['in1000-out200'],
      vars: { inputTokens: '1000', outputTokens: '200' },
    });
    expect(testCase!.expected).toBeUndefined();
    expect(promptOf(testCase!)).toMatch(/^Continue the text below in the same style\. Write about 200 tokens \(about 150 words\), and only the continuation\.\n\nText:\n[a-z]+ /);
  });

  it('numbers cases with as many digits as the shape needs', () => {
    const ids = generate(['input=100,output=5,cases=100']).dataset.cases.map((testCase) => testCase.id);
    expect([ids[0], ids[9], ids[99]]).toEqual(['in100-out5-001', 'in100-out5-010', 'in100-out5-100']);
  });

  it('gives the same cases for the same seed, other texts for another seed, and a text of its own to each case and shape', () => {
    const first = generate(['input=500,output=50,cases=3', 'input=600,output=50,cases=1'], 7);
    const again = generate(['input=500,output=50,cases=3', 'input=600,output=50,cases=1'], 7);
    const other = generate(['input=500,output=50,cases=3', 'input=600,output=50,cases=1'], 8);
    expect(again.dataset).toEqual(first.dataset);
    expect(again.dataset.hash).toBe(first.dataset.hash);
    expect(other.dataset.hash).not.toBe(first.dataset.hash);
    const texts = (dataset: typeof first.dataset) => dataset.cases.map((testCase) => promptOf(testCase).split('Text:\n')[1]!.slice(0, 80));
    expect(new Set([...texts(first.dataset), ...texts(other.dataset)]).size).toBe(8);
    // The shapes' first cases differ in their text too, not only in length.
    expect(texts(first.dataset)[3]).not.toBe(texts(first.dataset)[0]);
  });

  it('knows, for the simulator, an answer longer than asked in its tokens, so that max tokens ends it', () => {
    const { dataset, simulatorAnswers } = generate(['input=300,output=1|50|400,cases=1']);
    expect([...simulatorAnswers.keys()]).toEqual(dataset.cases.map((testCase) => testCase.id));
    for (const testCase of dataset.cases) {
      const answer = simulatorAnswers.get(testCase.id)!;
      expect(simulatorTokens(answer)).toBeGreaterThan(testCase.maxOutputTokens!);
      expect(simulatorTokens(answer)).toBeLessThanOrEqual(testCase.maxOutputTokens! * 1.1 + 9);
    }
  });
});
