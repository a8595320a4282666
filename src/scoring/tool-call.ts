import { compileJsonSchema } from './json-schema-validator.ts';
import { findJsonMismatch } from './match-json.ts';
import type { ScorerFactory } from './scorer.ts';

/** Some providers hand arguments over as a JSON string; compare what it says, not how it is sent. */
function parsedArguments(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * The model called tool `name` with fitting arguments: equal to `arguments` (`match: subset`,
 * the default, lets the call give more fields), valid against `schema`, or both. Any one
 * matching call among several passes, unless `exclusive`: then every call must be a fitting one,
 * so an answer that also calls another tool (or the same one for something else) fails.
 */
export const toolCall: ScorerFactory<'tool-call'> = (assertion) => {
  const checkSchema = assertion.schema === undefined ? undefined : compileJsonSchema(assertion.schema);
  const mode = assertion.match ?? 'subset';
  const problemOf = (call: { name: string; arguments: unknown }): string | undefined => {
    const args = parsedArguments(call.arguments);
    return checkSchema?.(args) ?? (assertion.arguments === undefined ? undefined : findJsonMismatch(assertion.arguments, args, mode));
  };
  return ({ toolCalls = [] }) => {
    const named = toolCalls.filter((call) => call.name === assertion.name);
    if (named.length === 0) {
      const made = toolCalls.length === 0 ? 'no tool call' : `called ${toolCalls.map((call) => call.name).join(', ')}`;
      return { score: 0, passed: false, reason: `${made}; expected a call to ${assertion.name}` };
    }
    const problems = named.map(problemOf);
    if (problems.every((problem) => problem !== undefined)) {
      return { score: 0, passed: false, reason: `called ${assertion.name}, but arguments ${problems.join(' | ')}` };
    }
    // Besides one fitting call: any other name, and the named calls whose arguments did not fit.
    const others = assertion.exclusive ? toolCalls.filter((call) => call.name !== assertion.name || problems[named.indexOf(call)] !== undefined) : [];
    if (others.length > 0) {
      return { score: 0, passed: false, reason: `called ${assertion.name} with fitting arguments, but also made other calls: ${others.map((call) => call.name).join(', ')}` };
    }
    return { score: 1, passed: true, reason: `called ${assertion.name} with fitting arguments` };
  };
};
