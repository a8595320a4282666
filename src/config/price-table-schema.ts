import { z } from 'zod';
import { boundedNumber, limits } from './limits.ts';

const usdPerMillion = boundedNumber(limits.usdPerMillionTokens);

export const priceRowSchema = z.strictObject({
  model: z.string().min(1),
  input: usdPerMillion,
  output: usdPerMillion,
  cached_input: usdPerMillion.optional(),
  source: z.string().min(1),
  as_of: z.union([z.string(), z.date()]).transform((value) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : value,
  ),
});

export const priceTableSchema = z.strictObject({
  version: z.literal(1),
  prices: z.array(priceRowSchema),
});

export type PriceRow = z.infer<typeof priceRowSchema>;
