import { z } from 'zod';
import { findForbiddenCharacter } from './forbidden-character.ts';
import { boundedNumber } from './bounded-number.ts';
import { limits } from './limits.ts';

const usdPerMillion = boundedNumber(limits.usdPerMillionTokens);

/** Text as a dataset's text is: an escaped ESC (`"\e"` in YAML) is refused as a raw one is. */
const text = z
  .string()
  .min(1)
  .superRefine((value, context) => {
    const found = findForbiddenCharacter(value);
    if (found) context.addIssue({ code: 'custom', message: found.message() });
  });

/** A model id as a provider or the gateway names it: no white space (a newline would make a row of its own in the file). */
const modelId = text.refine((value) => !/\s/.test(value), { message: 'a model id has no spaces or line breaks' });

export const priceRowSchema = z.strictObject({
  model: modelId,
  input: usdPerMillion,
  output: usdPerMillion,
  cached_input: usdPerMillion.optional(),
  source: text,
  as_of: z.union([z.string(), z.date()]).transform((value) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : value,
  ),
});

/** A moment in ISO 8601 (`2026-12-07T17:30:00Z`, or a date): when a fetched table was written. */
const moment = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString() : value))
  .refine((value) => !Number.isNaN(Date.parse(value)), { error: (issue) => `expected an ISO 8601 time such as 2026-12-07T17:30:00Z, got ${JSON.stringify(issue.input)}` });

export const priceTableSchema = z.strictObject({
  version: z.literal(1),
  /** When `llm-bench prices --update` wrote the file; the table's age is taken from it. */
  updated: moment.optional(),
  /** Where the whole table came from (a fetched table: the gateway's model list URL). */
  source: text.optional(),
  // A model listed twice would take its second row's price silently (a typo's 1000× included).
  prices: z.array(priceRowSchema).superRefine(reportDuplicateModels, { when: (payload) => Array.isArray(payload.value) }),
});

/** The rows may be partly invalid here (see `when` above), so each model is checked before use. */
function reportDuplicateModels(rows: unknown[], context: z.RefinementCtx): void {
  const firstLine = new Map<string, number>();
  rows.forEach((row, index) => {
    const model = typeof row === 'object' && row !== null ? (row as { model?: unknown }).model : undefined;
    if (typeof model !== 'string') return;
    const first = firstLine.get(model);
    if (first !== undefined) {
      context.addIssue({ code: 'custom', path: [index, 'model'], message: `model \`${model}\` is priced twice (first in prices[${first}]): give each model one row` });
    } else firstLine.set(model, index);
  });
}

export type PriceRow = z.infer<typeof priceRowSchema>;
export type PriceTableFile = z.infer<typeof priceTableSchema>;
