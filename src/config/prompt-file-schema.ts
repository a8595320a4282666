import { z } from 'zod';
import { strictObject } from './strict-object.ts';

/**
 * A prompt variant written as YAML (`--prompt FILE`): the user prompt template, an optional
 * system prompt, and the label its results are shown under.
 */
export const promptFileSchema = strictObject({
  label: z.string({ error: 'expected a string' }).trim().min(1, 'must not be empty').optional(),
  system: z.string({ error: 'expected a string' }).optional(),
  prompt: z.string({ error: 'expected the prompt template (a string)' }).min(1, 'must not be empty'),
});

export type PromptFileInput = z.output<typeof promptFileSchema>;
