import { describe, expect, it } from 'vitest';
import type { Case } from '../../datasets/case.ts';
import { estimateRun } from './estimate-run.ts';
import type { CallTarget } from './estimate-types.ts';
import { pastOutputTokens } from './past-output-tokens.ts';
import type { AttemptRecord } from '../../records/index.ts';

/** A fake o200k: one token a word, so that every figure below is worked out by hand. */
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const price = (model: string, input: number, output: number) => ({ model, input, output, source: 'test', as_of: '2026-12-01' });
const mini: CallTarget = { label: 'mini', spec: { modelId: 'gpt-4o-mini' }, price: price('openai/gpt-4o-mini', 0.15, 0.6), simulated: false };
const llama: CallTarget = { label: 'llama', spec: { modelId: 'llama' }, price: price('llama', 1, 2), simulated: false };
const testCase = (id: string, prompt: string, extra: Partial<Case> = {}): Case => ({ id, line: 1, messages: [{ role: 'user', content: prompt }], assert: [], tags: [], vars: {}, ...extra });
// o200k: 3 words + 3 (one message) + 3 (the request) = 9; chars/4: ceil(13 / 4) = 4, + 6 = 10.
const first = testCase('c1', 'one two three');
// o200k: 4 words + 3 × 2 messages (system and user) + 3 = 13; chars/4: ceil(20 / 4) = 5, + 9 = 14.
const second = testCase('c2', 'hello world', { system: 'be brief' });
const slots = [first, second].flatMap((item) => [mini, llama].map((target) => ({ testCase: item, target })));

describe('estimateRun', () => {
  it('counts o200k for OpenAI models and ≈ chars/4 for others, the warm-ups as first calls, at max tokens', () => {
    const estimate = estimateRun({ requests: slots, targets: [mini, llama], warmup: 1, maxTokens: 100, countO200k: words });
    const [forMini, forLlama] = estimate.targets;
    // 2 requests + 1 warm-up (the first case again): 9 + 13 + 9 input tokens, 3 × 100 output.
    expect(forMini).toMatchObject({ target: 'mini', requests: 3, warmups: 1, inputTokens: 31, tokenizers: ['o200k'], expectedOutputTokens: 300, worstOutputTokens: 300, expectedFrom: 'max tokens', unpriced: [] });
    expect(forMini?.worstUsd).toBeCloseTo((31 * 0.15 + 300 * 0.6) / 1e6, 12);
    expect(forMini?.expectedUsd).toBeCloseTo(forMini!.worstUsd!, 12);
    expect(forMini?.inputUsd).toBeCloseTo((31 * 0.15) / 1e6, 12);
    expect(forLlama).toMatchObject({ requests: 3, inputTokens: 10 + 14 + 10, tokenizers: ['chars/4'] });
    expect(forLlama?.worstUsd).toBeCloseTo((34 * 1 + 300 * 2) / 1e6, 12);
    expect(estimate.total).toMatchObject({ requests: 6, paidRequests: 6, warmups: 2, inputTokens: 65, worstOutputTokens: 600 });
    expect(estimate.total.worstUsd).toBeCloseTo((31 * 0.15 + 300 * 0.6 + 34 + 600) / 1e6, 12);
    expect(estimate.maxTokens).toBe(100);
  });

  it("expects a past run's mean output per case and target, then the target's mean, and max tokens for a target it did not run", () => {
    const record = (caseId: string, outputTokens: number) => ({ status: 'ok', caseId, target: 'mini', usage: { outputTokens } }) as unknown as AttemptRecord;
    const pastOutput = pastOutputTokens([record('c1', 40), record('c1', 60), record('elsewhere', 100)]);
    const estimate = estimateRun({ requests: slots, targets: [mini, llama], warmup: 1, maxTokens: 100, countO200k: words, pastOutput, fromRun: 'reports/before' });
    const [forMini, forLlama] = estimate.targets;
    // c1: mean 50 (twice: the case and its warm-up); c2 is not in the past run: mini's mean per call, (40 + 60 + 100) / 3.
    expect(forMini?.expectedOutputTokens).toBeCloseTo(50 + 200 / 3 + 50, 9);
    expect(forMini?.expectedFrom).toBe('past run');
    expect(forMini?.expectedUsd).toBeCloseTo((31 * 0.15 + (100 + 200 / 3) * 0.6) / 1e6, 12);
    expect(forMini?.worstOutputTokens).toBe(300);
    expect(forLlama).toMatchObject({ expectedOutputTokens: 300, expectedFrom: 'max tokens' });
    expect(estimate.fromRun).toBe('reports/before');
  });

  it('says what it cannot know: no max tokens, no price; a simulated target costs 0', () => {
    const unpriced: CallTarget = { label: 'mystery', spec: { modelId: 'mystery' }, simulated: false };
    const simulated: CallTarget = { ...mini, label: 'simulated mini', simulated: true };
    const estimate = estimateRun({
      requests: [unpriced, simulated, mini].map((target) => ({ testCase: first, target })),
      targets: [unpriced, simulated, mini],
      warmup: 0,
      countO200k: words,
    });
    const [forMystery, forSimulated, forMini] = estimate.targets;
    expect(forMystery).toMatchObject({ unpriced: ['mystery'], inputTokens: 10 });
    expect(forMystery?.inputUsd).toBeUndefined();
    expect(forSimulated).toMatchObject({ simulated: true, inputUsd: 0, unpriced: [] });
    // Without max tokens or a past run, the output is unknown, and so are the expected and worst costs.
    expect(forMini?.expectedOutputTokens).toBeUndefined();
    expect(forMini?.expectedUsd).toBeUndefined();
    expect(forMini?.worstUsd).toBeUndefined();
    expect(forMini?.inputUsd).toBeCloseTo((9 * 0.15) / 1e6, 12);
    expect(estimate.total).toMatchObject({ requests: 3, paidRequests: 2 });
    expect(estimate.total.inputUsd).toBeUndefined();
  });

  it("counts every step of a pipeline at its own target's price, an embedded answer as input of the step that uses it", () => {
    const gpt4o: CallTarget = { label: 'gpt-4o', spec: { modelId: 'gpt-4o' }, price: price('openai/gpt-4o', 2.5, 10), simulated: false };
    const step = (name: string, prompt: string, after: string[] = []) => ({ name, line: 1, messages: [{ role: 'user' as const, content: prompt }], after, assert: [] });
    const pipeline = testCase('p1', 'classify this ticket', {
      calls: { kind: 'pipeline', output: 'extract', steps: [step('classify', 'classify this ticket'), step('extract', 'extract from {{steps.classify.output}}', ['classify'])] },
    });
    const estimate = estimateRun({
      requests: [{ testCase: pipeline, target: mini }],
      targets: [mini],
      warmup: 0,
      maxTokens: 100,
      countO200k: words,
      stepTarget: (target, { name }) => (name === 'extract' ? gpt4o : target),
    });
    // classify: 3 + 3 + 3 = 9 at mini's price; extract: 2 words (the placeholder is not sent) + 6, and classify's 100-token answer, at GPT-4o's.
    expect(estimate.targets[0]).toMatchObject({ requests: 2, inputTokens: 9 + 108, worstInputTokens: 117, worstOutputTokens: 200 });
    expect(estimate.targets[0]?.worstUsd).toBeCloseTo((9 * 0.15 + 100 * 0.6 + 108 * 2.5 + 100 * 10) / 1e6, 12);
  });

  it("counts a step's JSON fields as parts of one answer: at most as many whole answers as the most repeated field", () => {
    const step = (name: string, prompt: string) => ({ name, line: 1, messages: [{ role: 'user' as const, content: prompt }], after: [], assert: [] });
    const pipeline = testCase('p2', 'extract', {
      calls: { kind: 'pipeline', output: 'reply', steps: [step('extract', 'extract'), step('reply', 'to {{steps.extract.json.name}} about {{steps.extract.json.order.id}} dear {{steps.extract.json.name}} {{steps.extract.output}}')] },
    });
    const estimate = estimateRun({ requests: [{ testCase: pipeline, target: mini }], targets: [mini], warmup: 0, maxTokens: 10, countO200k: words });
    // extract: 1 + 6 = 7; reply: 3 words + 6, then extract's answer 2 times (the name twice) + 1 (the whole output) = 30.
    expect(estimate.targets[0]).toMatchObject({ inputTokens: 7 + 9 + 30 });
  });

  it("sends a conversation's earlier turns and the model's answers to them with each later turn", () => {
    const turn = (name: string, prompt: string) => ({ name, line: 1, messages: [{ role: 'user' as const, content: prompt }], after: [], assert: [] });
    const conversation = testCase('t1', 'hi there', { calls: { kind: 'conversation', output: 'turn-2', steps: [turn('turn-1', 'hi there'), turn('turn-2', 'and more')] } });
    const estimate = estimateRun({ requests: [{ testCase: conversation, target: mini }], targets: [mini], warmup: 0, maxTokens: 50, countO200k: words });
    // turn-1: 2 words + 3 + 3 = 8; turn-2: 4 words + 3 × 3 messages (user, answer, user) + 3 = 16, and turn-1's answer (50).
    expect(estimate.targets[0]).toMatchObject({ requests: 2, inputTokens: 8 + 66, worstOutputTokens: 100 });
  });

  it("keeps a case's own output length (a synthetic case's) over max tokens", () => {
    const synthetic = testCase('in10-out20-01', 'one two three', { maxOutputTokens: 20 });
    const estimate = estimateRun({ requests: [{ testCase: synthetic, target: mini }], targets: [mini], warmup: 0, maxTokens: 500, countO200k: words });
    expect(estimate.targets[0]).toMatchObject({ expectedOutputTokens: 20, worstOutputTokens: 20 });
  });
});
