import { describe, expect, it } from 'vitest';
import { findCase, type MockCase } from './mock-case.ts';

function byPrompt(cases: MockCase[]): Map<string, MockCase> {
  return new Map(cases.map((mockCase) => [mockCase.prompt, mockCase]));
}

const classify: MockCase = { id: 'T-01', step: 'classify', prompt: 'Classify this ticket: my order never came' };
const extract: MockCase = {
  id: 'T-01',
  step: 'extract',
  prompt: 'Intent {{steps.classify.output}}. Extract the fields of: my order never came',
  parts: ['Intent ', '. Extract the fields of: my order never came'],
};
const extractOther: MockCase = {
  id: 'T-02',
  step: 'extract',
  prompt: 'Intent {{steps.classify.output}}. Extract the fields of: my card was charged twice',
  parts: ['Intent ', '. Extract the fields of: my card was charged twice'],
};

describe('findCase', () => {
  const cases = byPrompt([classify, extract, extractOther]);

  it('finds a step whose prompt embeds an earlier answer by the static text around it', () => {
    expect(findCase(cases, 'Intent D) shipping. Extract the fields of: my order never came')).toBe(extract);
    expect(findCase(cases, 'Intent A. Extract the fields of: my card was charged twice')).toBe(extractOther);
    // With a nonce before it (--cache-bust), still the same step.
    expect(findCase(cases, '[nonce 42] Intent D. Extract the fields of: my order never came')).toBe(extract);
  });

  it('needs every part, in order', () => {
    expect(findCase(cases, '. Extract the fields of: my order never came Intent D')).toBeUndefined();
    expect(findCase(cases, 'Intent D. Extract the fields of: something else')).toBeUndefined();
  });

  it('prefers the case whose static text the prompt holds the most of', () => {
    // The earlier step's whole prompt is inside the later step's: the later one holds more.
    const later: MockCase = { id: 'T-01', step: 'draft', prompt: 'Reply to {{steps.extract.output}} about: Classify this ticket: my order never came', parts: ['Reply to ', ' about: Classify this ticket: my order never came'] };
    const both = byPrompt([classify, later]);
    expect(findCase(both, 'Reply to {"order": 1} about: Classify this ticket: my order never came')).toBe(later);
    expect(findCase(both, 'Classify this ticket: my order never came')).toBe(classify);
  });

  it('does not let a template of little static text claim every prompt', () => {
    const bare: MockCase = { id: 'T-03', step: 'relay', prompt: 'Say {{steps.a.output}}', parts: ['Say ', ''] };
    expect(findCase(byPrompt([bare]), 'Say hello to everyone in the room')).toBeUndefined();
  });
});
