import type { z } from 'zod';

/** `field.path: message`, or just the message for a problem with the whole value. */
export function formatIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join('.');
  return field === '' ? issue.message : `${field}: ${issue.message}`;
}
