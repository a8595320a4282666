import { describe, expect, it } from 'vitest';
import type { MockModelProfile } from '../config/mock-profile-schema.ts';
import type { Case } from '../datasets/index.ts';
import { buildJudgePrompt } from '../scoring/judge-prompt.ts';
import { chooseAnswer, maxEchoTokens, type AnswerSources } from './answer-policy.ts';
import type { MockCase } from './mock-case.ts';
import type { NormalizedRequest } from './normalized-request.ts';
import { createRandom } from './random.ts';
import { constantMockProfiles } from './test-profiles.ts';
import { countTokens } from './tokens.ts';

const [echo, knowing, judge] = constantMockProfiles(
  { id: 'echo', ttftMs: 1, answer: { policy: 'echo' } },
  { id: 'knowing', ttftMs: 1, answer: { policy: 'oracle', accuracy: 1 } },
  { id: 'judge', ttftMs: 1, answer: { policy: 'oracle', accuracy: 1 } },
).models as [MockModelProfile, MockModelProfile, MockModelProfile];

function request(text: string, extra: Partial<NormalizedRequest> = {}, system?: string): NormalizedRequest {
  return {
    model: 'm',
    stream: true,
    messages: [...(system ? [{ role: 'system' as const, text: system, imageCount: 0 }] : []), { role: 'user', text, imageCount: 0 }],
    toolNames: [],
    toolChoice: { type: 'auto' },
    includeUsage: true,
    ...extra,
  };
}

function sources(cases: MockCase[], seed = 1): AnswerSources {
  return { casesByPrompt: new Map(cases.map((mockCase) => [mockCase.prompt, mockCase])), books: new Map(), seed };
}

const weather: MockCase = {
  id: 'weather',
  prompt: 'What is the weather like in Paris right now?',
  right: { text: '', toolCall: { name: 'get_weather', arguments: { city: 'Paris' } } },
  wrong: { text: '', toolCall: { name: 'get_weather', arguments: { city: 'Lyon' } } },
};

describe('chooseAnswer', () => {
  it('echoes a short prompt whole, and at most 64 tokens of a long one', () => {
    expect(chooseAnswer(echo, request('hello there'), createRandom(1), sources([]))).toEqual({ text: 'hello there', kind: 'echo' });
    const document = 'word '.repeat(100_000);
    const long = chooseAnswer(knowing, request(document), createRandom(1), sources([]));
    expect(long.kind).toBe('echo');
    expect(countTokens(long.text)).toBe(maxEchoTokens + 1);
    expect(long.text.endsWith(' …')).toBe(true);
  });

  it("gives a known case's right answer, its tool call only when the request may call that tool", () => {
    const callable = request(weather.prompt, { toolNames: ['get_weather'] });
    expect(chooseAnswer(knowing, callable, createRandom(1), sources([weather]))).toEqual({ ...weather.right, kind: 'right' });
    const wrongModel = { ...knowing, answer: { policy: 'oracle' as const, accuracy: 0 } };
    expect(chooseAnswer(wrongModel, callable, createRandom(1), sources([weather]))).toEqual({ ...weather.wrong, kind: 'wrong' });
    expect(chooseAnswer(knowing, request(weather.prompt), createRandom(1), sources([weather]))).toEqual({ text: 'I would call get_weather.', kind: 'right' });
  });

  it('recognises a case whose prompt a variant wraps in words of its own, but not a short prompt inside another', () => {
    const wrapped = request(`Think step by step.\n\n${weather.prompt}\n`, { toolNames: ['get_weather'] });
    expect(chooseAnswer(knowing, wrapped, createRandom(1), sources([weather])).kind).toBe('right');
    const short: MockCase = { id: 'hi', prompt: 'hi', expected: 'hello' };
    expect(chooseAnswer(knowing, request('hi there, how are you?'), createRandom(1), sources([short])).kind).toBe('echo');
  });

  it('answers right at the profile accuracy, and two models of one accuracy fail mostly the same cases', () => {
    const cases = Array.from({ length: 2000 }, (_unused, index): MockCase => ({ id: `c${index}`, prompt: `Question number ${index}, please?`, expected: 'yes' }));
    const known = sources(cases, 7);
    const outcomes = (id: string, accuracy: number) => {
      const random = createRandom(id.length * 7919 + Math.round(accuracy * 100));
      const profile = { ...knowing, id, answer: { policy: 'oracle' as const, accuracy } };
      return cases.map((mockCase) => chooseAnswer(profile, request(mockCase.prompt), random, known).kind === 'right');
    };
    const [a, b, strong] = [outcomes('a', 0.75), outcomes('bb', 0.75), outcomes('ccc', 0.9)];
    const rate = (values: boolean[]) => values.filter(Boolean).length / values.length;
    expect(rate(a)).toBeCloseTo(0.75, 1);
    expect(rate(b)).toBeCloseTo(0.75, 1);
    expect(rate(strong)).toBeCloseTo(0.9, 1);
    // Agreement 0.8² + (1 - 0.8²)(0.75² + 0.25²) = 0.865 with shared difficulty; 0.625 if independent.
    const agreement = a.filter((right, index) => right === b[index]).length / a.length;
    expect(agreement).toBeGreaterThan(0.82);
    expect(agreement).toBeLessThan(0.91);
  });
});

describe('the simulated judge', () => {
  const conversation: MockCase = { id: 'refund', prompt: 'Can I get my money back?', right: { text: 'Yes, within 30 days.' }, wrong: { text: 'No refunds, ever.' } };
  const testCase = { id: 'refund', line: 1, messages: [{ role: 'user', content: conversation.prompt }], assert: [], tags: [], vars: {} } as Case;
  const judgeRequest = (output: string) => {
    const { system, prompt } = buildJudgePrompt({ rubric: 'Offers the refund.', testCase, output });
    return request(prompt, {}, system);
  };
  const verdictOf = (output: string) => JSON.parse(chooseAnswer(judge, judgeRequest(output), createRandom(1), sources([conversation])).text) as { score: number };

  it('scores the simulator’s own right answer 1, its wrong answer 0, and an answer it never gave 0', () => {
    expect(verdictOf('Yes, within 30 days.').score).toBe(1);
    expect(verdictOf('No refunds, ever.').score).toBe(0);
    expect(verdictOf('Something else entirely.').score).toBe(0);
    expect(chooseAnswer(judge, judgeRequest('Yes, within 30 days.'), createRandom(1), sources([conversation])).kind).toBe('verdict');
  });

  it('answers a request that only looks like a judge prompt as a model would', () => {
    expect(chooseAnswer(judge, request(conversation.prompt, {}, 'You grade answers.'), createRandom(1), sources([conversation])).kind).toBe('right');
  });
});
