import type { ModelMessage } from 'ai';
import type { CaseInput } from '../../config/dataset-schema.ts';
import type { Assertion } from '../case.ts';
import { defaultAssertion } from '../default-assertion.ts';
import type { CallsContext } from './build-calls.ts';

type Message = { role: 'system' | 'user' | 'assistant'; content: string };

export function toModelMessage({ role, content }: Message): ModelMessage {
  return role === 'system' ? { role, content } : role === 'user' ? { role, content } : { role, content };
}

/** A call's scorers, as a single case's: its own, else `json` against its schema, else the default for `expected`. */
export function callAssertions(own: Assertion[] | undefined, expected: string | undefined, schema: Record<string, unknown> | undefined): Assertion[] {
  const assertions = own ?? (schema !== undefined ? [{ type: 'json', schema }] : expected !== undefined ? [defaultAssertion(expected)] : []);
  return schema === undefined ? assertions : assertions.map((assertion) => (assertion.type === 'json' && assertion.schema === undefined ? { ...assertion, schema } : assertion));
}

/** The case's `system`, else the dataset's: every call that gives none of its own has it. */
export function caseSystem(input: CaseInput, { render, defaults }: CallsContext): string | undefined {
  if (input.system !== undefined) return render(input.system, ['system'], 'system');
  return defaults.system === undefined ? undefined : render(defaults.system, [], 'defaults.system');
}

/** A tool list as a Case holds it. */
export function caseTools<Tool extends { name: string; description?: string | undefined; parameters: Record<string, unknown> }>(tools: readonly Tool[] | undefined) {
  return tools?.map(({ name, description, parameters }) => ({ name, ...(description !== undefined && { description }), parameters }));
}
