import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../src/datasets/index.ts';
import { datasetsFolder } from './support/shipped-datasets.ts';

describe('support-multi-turn', () => {
  it('gives every case earlier turns: user and assistant taking turns, ending on the user', async () => {
    const { cases } = await loadDataset(path.join(datasetsFolder, 'support-multi-turn.jsonl'));
    expect(cases.length).toBeGreaterThan(0);
    const roles = Object.fromEntries(cases.map((testCase) => [testCase.id, testCase.messages.map((message) => message.role).join(' ')]));
    expect(Object.keys(roles)).toHaveLength(cases.length);
    for (const [id, turns] of Object.entries(roles)) expect(turns, id).toMatch(/^user assistant (user assistant )*user$/);
  });

  it('keeps llm-judge and at least one deterministic check on every case', async () => {
    const { cases } = await loadDataset(path.join(datasetsFolder, 'support-multi-turn.jsonl'));
    expect(cases.length).toBeGreaterThan(0);
    for (const testCase of cases) {
      const types = testCase.assert.map((assertion) => assertion.type);
      expect(types, testCase.id).toContain('llm-judge');
      expect(types.filter((type) => type !== 'llm-judge').length, testCase.id).toBeGreaterThan(0);
    }
  });
});
