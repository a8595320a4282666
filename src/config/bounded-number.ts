import { z } from 'zod';
import { describeBound, shownValue, withinBound, type NumberBound } from './limits.ts';

/** A zod number inside the bound, with one message naming the range whatever is wrong. */
export function boundedNumber(bound: NumberBound) {
  const message = `expected ${describeBound(bound)}`;
  return z
    .number({ error: (issue) => `${message}, got ${issue.input === undefined ? 'nothing' : shownValue(issue.input)}` })
    .refine((value) => withinBound(bound, value), { error: (issue) => `${message}, got ${shownValue(issue.input)}` })
    // The bound, for the JSON Schema (a refinement is invisible there): an editor then refuses `repeats: 0` too.
    .meta({
      type: bound.integer ? 'integer' : 'number',
      ...(bound.aboveMinimum ? { exclusiveMinimum: bound.minimum } : { minimum: bound.minimum }),
      maximum: bound.maximum,
    });
}
