import { describe, expect, it } from 'vitest';
import { assertionSchema } from '../config/assertion-schema.ts';
import { scoreWith } from './test/score-with.ts';

describe('latency', () => {
  const assertion = { type: 'latency', ttft_ms: 500, e2e_ms: 2000 };

  it('passes within both bounds', async () => {
    expect(await scoreWith(assertion, { output: '', ttftMs: 400, e2eMs: 1500 })).toEqual({ score: 1, passed: true, reason: 'ttft 400 ms, e2e 1500 ms within bounds' });
  });

  it('names each bound exceeded', async () => {
    expect(await scoreWith(assertion, { output: '', ttftMs: 600, e2eMs: 2500 })).toEqual({ score: 0, passed: false, reason: 'ttft 600 ms > 500 ms; e2e 2500 ms > 2000 ms' });
  });

  it('fails an unmeasured figure instead of assuming it was fast', async () => {
    expect(await scoreWith({ type: 'latency', ttft_ms: 500 }, { output: '' })).toEqual({ score: 0, passed: false, reason: 'ttft unknown (needed <= 500 ms)' });
  });

  it('needs at least one bound', () => {
    expect(assertionSchema.safeParse({ type: 'latency' }).success).toBe(false);
    expect(assertionSchema.safeParse({ type: 'latency', ttft_ms: -1 }).success).toBe(false);
  });
});
