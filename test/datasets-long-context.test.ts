import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../src/datasets/index.ts';
import { datasetsFolder } from './support/shipped-datasets.ts';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('long-context-needles', () => {
  it('has each needle answer exactly once in the haystack, so only finding the needle can pass', async () => {
    const { cases } = await loadDataset(path.join(datasetsFolder, 'long-context-needles.jsonl'));
    const haystack = cases[0]?.vars.haystack ?? '';
    expect(haystack.length).toBeGreaterThan(400_000);
    const counts = Object.fromEntries(
      cases.map((testCase) => {
        const [assertion] = testCase.assert;
        expect(assertion?.type, testCase.id).toMatch(/^(numeric|icontains)$/);
        const answer = String(assertion?.value);
        return [testCase.id, haystack.match(new RegExp(`\\b${escapeRegExp(answer)}\\b`, 'gi'))?.length ?? 0];
      }),
    );
    expect(counts).toEqual(Object.fromEntries(cases.map((testCase) => [testCase.id, 1])));
  });
});
