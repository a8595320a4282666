import { z } from 'zod';

// The field makers of the `--json` document's schema (summary-json-schema.ts, step-json-schema.ts).

export const rate = (description: string) => z.number().min(0).max(1).nullable().describe(`${description}: a fraction 0..1; null when unknown.`);
export const figure = (description: string) => z.number().nullable().describe(`${description}; null when unknown.`);
export const count = (description: string) => z.number().int().min(0).describe(description);
export const low = (of: string) => `Lower end of the 95% interval of ${of}`;
export const high = (of: string) => `Upper end of the 95% interval of ${of}`;

/** A rate over cases and its 95% interval: `<name>`, `<name>_ci_low`, `<name>_ci_high`. */
export function rateFields(name: string, description: string): Record<string, z.ZodType> {
  return { [name]: rate(description), [`${name}_ci_low`]: rate(low(name)), [`${name}_ci_high`]: rate(high(name)) };
}
