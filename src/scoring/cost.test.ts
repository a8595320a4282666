import { describe, expect, it } from 'vitest';
import { scoreWith } from './test/score-with.ts';

describe('cost', () => {
  it('passes under the bound and fails over it', async () => {
    expect(await scoreWith({ type: 'cost', max_usd: 0.01 }, { output: '', costUsd: 0.002 })).toEqual({ score: 1, passed: true, reason: 'cost $0.00200 <= $0.01' });
    expect(await scoreWith({ type: 'cost', max_usd: 0.01 }, { output: '', costUsd: 0.05 })).toMatchObject({ passed: false });
  });

  it('fails an unknown cost, and passes a known cost of zero', async () => {
    expect(await scoreWith({ type: 'cost', max_usd: 0.01 }, { output: '' })).toEqual({ score: 0, passed: false, reason: 'cost unknown (needed <= $0.01)' });
    expect(await scoreWith({ type: 'cost', max_usd: 0.01 }, { output: '', costUsd: 0 })).toMatchObject({ passed: true });
  });
});
