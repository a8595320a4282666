import { describe, expect, it } from 'vitest';
import type { Case, CaseStep } from './case.ts';
import { conversationTranscript, finalCase, stepCase } from './step-case.ts';

const draft: CaseStep = { name: 'draft', line: 2, messages: [{ role: 'user', content: 'draft' }], after: [], assert: [{ type: 'contains', value: 'Ada' }], expected: 'Dear Ada', schema: { type: 'object' } };
const pipelineCase = (extra: Partial<Case> = {}): Case => ({
  id: 't1',
  line: 1,
  messages: [{ role: 'user', content: 'first' }],
  system: 'case system',
  assert: [],
  tags: ['x'],
  vars: {},
  calls: { kind: 'pipeline', steps: [draft], output: 'draft' },
  ...extra,
});

describe('stepCase and finalCase', () => {
  it('a step is sent and scored as its own messages, scorers and schema, with the case\'s system unless it has one', () => {
    const sent = stepCase(pipelineCase(), draft, [{ role: 'user', content: 'rendered' }]);
    expect(sent).toMatchObject({ id: 't1', tags: ['x'], messages: [{ role: 'user', content: 'rendered' }], system: 'case system', assert: draft.assert, expected: 'Dear Ada', schema: { type: 'object' } });
    expect(sent.calls).toBeUndefined();
    expect(stepCase(pipelineCase(), draft, [], 'own system').system).toBe('own system');
  });

  it('the case record is scored by the case\'s own scorers, else by the output step\'s', () => {
    expect(finalCase(pipelineCase())).toMatchObject({ assert: draft.assert, expected: 'Dear Ada' });
    const own = finalCase(pipelineCase({ assert: [{ type: 'contains', value: 'Acme' }] }));
    expect(own.assert).toEqual([{ type: 'contains', value: 'Acme' }]);
    expect(own.expected).toBeUndefined();
  });

  it('a conversation\'s transcript alternates user and assistant lines, separated by blank lines', () => {
    expect(conversationTranscript([{ user: 'hi', assistant: 'hello' }, { user: 'bye', assistant: 'ciao' }])).toBe('user: hi\n\nassistant: hello\n\nuser: bye\n\nassistant: ciao');
  });
});
