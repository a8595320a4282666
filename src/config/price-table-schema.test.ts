import { describe, expect, it } from 'vitest';
import { priceRowSchema } from './price-table-schema.ts';

describe('price table numbers', () => {
  const row = { model: 'm', input: 0.15, output: 0.6, source: 'test', as_of: '2026-11-01' };

  it('takes prices from 0 to 1,000,000 USD per million tokens', () => {
    expect(priceRowSchema.safeParse(row).success).toBe(true);
    expect(priceRowSchema.safeParse({ ...row, input: 0, output: 1_000_000 }).success).toBe(true);
  });

  it('refuses a price that would make every cost Infinity (stored as null) or is no price', () => {
    for (const price of [1e308, Infinity, -1, Number.NaN]) {
      const result = priceRowSchema.safeParse({ ...row, output: price });
      expect(result.error?.issues[0]?.message).toBe(`expected a number from 0 to 1000000 USD per million tokens, got ${price}`);
    }
  });
});
