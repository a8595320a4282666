import { describe, expect, it } from 'vitest';
import { caseKey, caseLabel } from './case-key.ts';
import { slotKey } from './slot-key.ts';

describe('caseKey', () => {
  it('tells apart the same case id in two datasets, and keeps a case without dataset as it was', () => {
    expect(caseKey({ dataset: 'smoke', caseId: 'q1' })).not.toBe(caseKey({ dataset: 'other', caseId: 'q1' }));
    expect(caseKey({ dataset: 'smoke', caseId: 'q1' })).toBe(caseKey({ dataset: 'smoke', caseId: 'q1' }));
    expect(caseKey({ caseId: 'q1' })).toBe(caseKey({ dataset: undefined, caseId: 'q1' }));
    expect(caseKey({ caseId: 'q1' })).not.toBe(caseKey({ dataset: 'smoke', caseId: 'q1' }));
  });

  it('cannot be fooled by a slash in a name: the pair is kept as a pair', () => {
    expect(caseKey({ dataset: 'qa/smoke', caseId: 'q1' })).not.toBe(caseKey({ dataset: 'qa', caseId: 'smoke/q1' }));
    expect(slotKey({ dataset: 'a', caseId: 'b', target: 't', prompt: 'default', repeat: 1 })).not.toBe(
      slotKey({ caseId: 'a/b', target: 't', prompt: 'default', repeat: 1 }),
    );
  });
});

describe('caseLabel', () => {
  it('is the case id alone without a dataset, and dataset/id with one', () => {
    expect(caseLabel({ caseId: 'q1' })).toBe('q1');
    expect(caseLabel({ dataset: 'smoke', caseId: 'q1' })).toBe('smoke/q1');
    expect(caseLabel({ dataset: 'qa/smoke', caseId: 'q1' })).toBe('qa/smoke/q1');
  });
});
