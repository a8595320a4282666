import { z } from 'zod';

/**
 * A zod object that refuses unknown keys and names the known ones, so a typo such as `promt` or
 * `tolerence` is reported with the spelling the user meant instead of being silently ignored.
 */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field (known: ${known})` : undefined),
  });
}
