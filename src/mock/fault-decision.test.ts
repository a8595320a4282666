import { describe, expect, it } from 'vitest';
import { decideFault, FaultHeaderError } from './fault-decision.ts';
import { createFaultPlan, faultPlanEntrySchema } from './fault-plan.ts';

const decide = (headers: Record<string, string>) =>
  decideFault({ headers, plan: createFaultPlan(), model: 'm', protocol: 'chat-completions', rates: {}, draw: 0.5 });

describe('fault headers', () => {
  it('takes a first-byte delay and a chunk count inside their ranges', () => {
    expect(decide({ 'x-mock-fault': 'slow_first_byte', 'x-mock-delay-ms': '150' })?.delayMs).toBe(150);
    expect(decide({ 'x-mock-fault': 'stall', 'x-mock-fault-after-chunks': '3' })?.afterChunks).toBe(3);
    expect(decide({ 'x-mock-fault': 'slow_first_byte' })?.delayMs).toBe(1000);
  });

  it.each([
    ['x-mock-delay-ms', '1e12', 'Expected x-mock-delay-ms to be a number from 0 to 86400000 ms (24 h), got `1e12`'],
    ['x-mock-delay-ms', 'soon', 'Expected x-mock-delay-ms to be a number from 0 to 86400000 ms (24 h), got `soon`'],
    ['x-mock-delay-ms', '-5', 'Expected x-mock-delay-ms to be a number from 0 to 86400000 ms (24 h), got `-5`'],
    ['x-mock-fault-after-chunks', '2.5', 'Expected x-mock-fault-after-chunks to be an integer from 0 to 1000000, got `2.5`'],
    ['x-mock-fault-after-chunks', 'Infinity', 'Expected x-mock-fault-after-chunks to be an integer from 0 to 1000000, got `Infinity`'],
  ])('refuses %s: %s (a request for a delay no timer holds, or no number), naming the header and the range', (header, value, message) => {
    const decision = () => decide({ 'x-mock-fault': 'slow_first_byte', [header]: value });
    expect(decision).toThrow(FaultHeaderError);
    expect(decision).toThrow(message);
  });

  it('passes a hostile retry hint on as it is, with no wait when it is none a date can say', () => {
    const endless = decide({ 'x-mock-fault': 'rate_limit_reset', 'x-mock-retry-after': `${'9'.repeat(400)}h` });
    expect(endless).toMatchObject({ retryAfter: `${'9'.repeat(400)}h`, retryAfterMs: undefined });
    expect(decide({ 'x-mock-fault': 'rate_limit', 'x-mock-retry-after': '1e12' })).toMatchObject({ retryAfter: '1e12', retryAfterMs: 1e15 });
  });

  it('refuses a fault plan entry whose counts are no counts', () => {
    expect(faultPlanEntrySchema.safeParse({ kind: 'stall', count: 1e400 }).success).toBe(false);
    expect(faultPlanEntrySchema.safeParse({ kind: 'stall', afterChunks: -1 }).success).toBe(false);
    expect(faultPlanEntrySchema.safeParse({ kind: 'stall', count: 2, afterChunks: 1 }).success).toBe(true);
  });
});
