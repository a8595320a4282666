import { z } from 'zod';
import { objectJsonSchema } from './json-schema-object.ts';
import { strictObject } from './strict-object.ts';

/** What OpenAI, Anthropic and Google all accept as a function name. */
const toolNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;

/** One function the model may call: `{ name, description?, parameters: <JSON Schema object> }`. */
export const toolSchema = strictObject({
  name: z
    .string({ error: 'expected the tool name (a string)' })
    .regex(toolNamePattern, 'expected 1 to 64 letters, digits, "_" or "-" (what providers accept as a function name)'),
  description: z.string({ error: 'expected a string' }).optional(),
  parameters: objectJsonSchema,
});

/** Names must be unique: a provider keeps one of two tools with the same name, and not always the same one. */
export const toolListSchema = z
  .array(toolSchema, { error: 'expected a list of {name, description?, parameters}' })
  .min(1, 'expected at least one tool')
  .superRefine((tools, context) => {
    const seen = new Map<string, number>();
    for (const [index, tool] of tools.entries()) {
      const first = seen.get(tool.name);
      if (first !== undefined) context.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate tool name "${tool.name}" (first at tools[${first}])` });
      else seen.set(tool.name, index);
    }
  });

export const toolChoiceModes = ['auto', 'required', 'none'] as const;

/** `auto`, `required`, `none`, or `{ tool: <name> }` to force one tool. */
export const toolChoiceSchema = z
  .union([z.enum(toolChoiceModes), strictObject({ tool: z.string({ error: 'expected a tool name' }).min(1, 'must not be empty') })], {
    error: `expected one of: ${toolChoiceModes.join(', ')}, or {"tool": "<name>"}`,
  })
  .transform((choice) => (typeof choice === 'string' ? choice : { type: 'tool' as const, toolName: choice.tool }));

export type ToolInput = z.output<typeof toolSchema>;
export type ToolChoice = z.output<typeof toolChoiceSchema>;
