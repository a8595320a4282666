import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/case.ts';
import { canonicalJson, caseHash } from './case-hash.ts';

const base: Case = {
  id: 'q1',
  line: 1,
  messages: [{ role: 'user', content: 'What is 2+2?' }],
  expected: '4',
  assert: [{ type: 'numeric', value: 4, tolerance: 0 }],
  tags: ['math'],
  vars: { city: 'Paris', unit: 'km' },
  schema: { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'] },
};

describe('caseHash', () => {
  it('is 16 hex digits, the same for the same content', () => {
    expect(caseHash(base)).toMatch(/^[0-9a-f]{16}$/);
    expect(caseHash(structuredClone(base))).toBe(caseHash(base));
  });

  it('does not depend on key order, at any depth', () => {
    const reordered: Case = {
      vars: { unit: 'km', city: 'Paris' },
      schema: { required: ['answer'], properties: { answer: { type: 'number' } }, type: 'object' },
      tags: ['math'],
      assert: [{ tolerance: 0, value: 4, type: 'numeric' }],
      expected: '4',
      messages: [{ content: 'What is 2+2?', role: 'user' }],
      line: 1,
      id: 'q1',
    };
    expect(caseHash(reordered)).toBe(caseHash(base));
  });

  it('changes with the expected answer, the prompt, an assertion, a variable or the system prompt', () => {
    const hashes = [
      caseHash(base),
      caseHash({ ...base, expected: '5' }),
      caseHash({ ...base, messages: [{ role: 'user', content: 'What is 2+3?' }] }),
      caseHash({ ...base, assert: [{ type: 'numeric', value: 4, tolerance: 0.5 }] }),
      caseHash({ ...base, vars: { city: 'Rome', unit: 'km' } }),
      caseHash({ ...base, system: 'Answer with a number.' }),
      caseHash({ ...base, toolChoice: 'required' }),
    ];
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('keeps the order of arrays: two messages swapped are another conversation', () => {
    const twoTurns: Case = { ...base, messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] };
    const swapped: Case = { ...base, messages: [{ role: 'user', content: 'b' }, { role: 'user', content: 'a' }] };
    expect(caseHash(swapped)).not.toBe(caseHash(twoTurns));
  });

  it('leaves out what names or places the case: id, dataset, line, folder and tags', () => {
    const moved: Case = { ...base, id: 'renamed', dataset: 'other', line: 40, datasetDir: '/elsewhere', tags: [] };
    expect(caseHash(moved)).toBe(caseHash(base));
  });

  it('treats an undefined field as an absent one', () => {
    expect(caseHash({ ...base, system: undefined })).toBe(caseHash(base));
  });

  it("hashes an image by its bytes: another image changes the hash, another copy of the same bytes does not", () => {
    const withImage = (bytes: Uint8Array): Case => ({
      ...base,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What shape?' }, { type: 'file', data: bytes, mediaType: 'image/png' }] }],
    });
    const square = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const circle = new Uint8Array([137, 80, 78, 71, 1, 2, 4]);
    expect(caseHash(withImage(Buffer.from(square)))).toBe(caseHash(withImage(square)));
    expect(caseHash(withImage(circle))).not.toBe(caseHash(withImage(square)));
  });
});

describe('canonicalJson', () => {
  it('sorts keys, drops undefined fields, writes bytes as their sha256', () => {
    expect(canonicalJson({ b: 1, a: [undefined, { d: undefined, c: 'x' }] })).toBe('{"a":[null,{"c":"x"}],"b":1}');
    expect(canonicalJson(new Uint8Array([]))).toBe('{"sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}');
  });
});
