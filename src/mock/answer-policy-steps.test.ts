import { describe, expect, it } from 'vitest';
import type { MockModelProfile } from '../config/mock-profile-schema.ts';
import { chooseAnswer, type AnswerSources } from './answer-policy.ts';
import type { MockCase } from './mock-case.ts';
import type { NormalizedRequest } from './normalized-request.ts';
import { createRandom } from './random.ts';
import { constantMockProfiles } from './test-profiles.ts';

const [halfRight, bookModel] = constantMockProfiles(
  { id: 'half', ttftMs: 1, answer: { policy: 'oracle', accuracy: 0.5 } },
  { id: 'book', ttftMs: 1, answer: { policy: 'book', path: '/book.jsonl', fallback: 'echo' } },
).models as [MockModelProfile, MockModelProfile];

function request(text: string): NormalizedRequest {
  return { model: 'm', stream: true, messages: [{ role: 'user', text, imageCount: 0 }], toolNames: [], toolChoice: { type: 'auto' }, includeUsage: true };
}

/** Two steps per case: classify (a fixed prompt), then extract (the classify answer inside its prompt). */
function pipelineCases(count: number): MockCase[] {
  return Array.from({ length: count }, (_, index) => [
    { id: `T-${index}`, step: 'classify', prompt: `Classify ticket number ${index} please`, right: { text: 'A' }, wrong: { text: 'B' } },
    {
      id: `T-${index}`,
      step: 'extract',
      prompt: `Intent {{steps.classify.output}}: extract ticket number ${index} please`,
      parts: ['Intent ', `: extract ticket number ${index} please`],
      right: { text: 'right' },
      wrong: { text: 'wrong' },
    },
  ]).flat();
}

function sources(cases: MockCase[], books = new Map()): AnswerSources {
  return { casesByPrompt: new Map(cases.map((mockCase) => [mockCase.prompt, mockCase])), books, seed: 7 };
}

describe('chooseAnswer for the steps of a pipeline', () => {
  it('answers each step from its own answers, and draws its difficulty per step', () => {
    const count = 300;
    const known = sources(pipelineCases(count));
    const random = createRandom(3);
    let agree = 0;
    let rightSteps = 0;
    for (let index = 0; index < count; index++) {
      const classify = chooseAnswer(halfRight, request(`Classify ticket number ${index} please`), random, known);
      const extract = chooseAnswer(halfRight, request(`Intent ${classify.text}: extract ticket number ${index} please`), random, known);
      expect(['A', 'B']).toContain(classify.text);
      expect(['right', 'wrong']).toContain(extract.text);
      if ((classify.kind === 'right') === (extract.kind === 'right')) agree += 1;
      rightSteps += Number(classify.kind === 'right') + Number(extract.kind === 'right');
    }
    // About half of the steps right, as accuracy 0.5 says.
    expect(rightSteps / (2 * count)).toBeGreaterThan(0.4);
    expect(rightSteps / (2 * count)).toBeLessThan(0.6);
    // One difficulty per case would make the two steps agree about 82% of the time; per step, about half.
    expect(agree / count).toBeLessThan(0.7);
  });

  it('a book model answers each step with its own line', () => {
    const book = new Map([
      ['/book.jsonl', [
        { caseId: 'T-1', step: 'classify', reply: 'C' },
        { caseId: 'T-1', step: 'extract', reply: '{"customer": "Dana"}' },
      ]],
    ]);
    const known = sources(pipelineCases(2), book);
    expect(chooseAnswer(bookModel, request('Classify ticket number 1 please'), createRandom(1), known)).toEqual({ text: 'C', kind: 'book' });
    expect(chooseAnswer(bookModel, request('Intent C: extract ticket number 1 please'), createRandom(1), known)).toEqual({ text: '{"customer": "Dana"}', kind: 'book' });
  });
});
