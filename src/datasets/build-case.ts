import type { ModelMessage } from 'ai';
import { caseSchema, type CaseInput, type DatasetDefaults } from '../config/dataset-schema.ts';
import { formatIssues } from '../config/format-issues.ts';
import type { Assertion, Case } from './case.ts';
import { defaultAssertion } from './default-assertion.ts';
import { renderTemplate } from './render-template.ts';
import { maxCaseCharacters } from '../config/value-text-problems.ts';
import { resolveCaseTools } from './resolve-case-tools.ts';
import { buildCalls, type BuiltCalls, type RenderTemplate } from './calls/build-calls.ts';
import { toModelMessage } from './calls/call-parts.ts';
import type { DatasetProblem, SourceRecord } from './source-record.ts';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A case's scorers: its own `assert`, else `json` against its `schema` (a structured answer is at
 * least valid), else the default scorer for `expected`; then the dataset's. A `json` scorer with
 * no schema of its own checks the case's, so the schema is written once, in the case or defaults.
 */
function caseAssertions(input: CaseInput, schema: Record<string, unknown> | undefined, defaults: DatasetDefaults): Assertion[] {
  const own = input.assert ?? (schema !== undefined ? [{ type: 'json', schema }] : input.expected !== undefined ? [defaultAssertion(input.expected)] : []);
  const all: Assertion[] = [...own, ...(defaults.assert ?? [])];
  return schema === undefined ? all : all.map((assertion) => (assertion.type === 'json' && assertion.schema === undefined ? { ...assertion, schema } : assertion));
}

/**
 * Validates one record and turns it into a Case; every problem is returned, none thrown. Images
 * are returned as written, for the loader to read (it knows the dataset's folder).
 */
export function buildCase(record: SourceRecord, defaults: DatasetDefaults): { testCase?: Case; images?: string[]; problems: DatasetProblem[] } {
  const lineOf = (path: readonly PropertyKey[]) => record.lineOf?.(path) ?? record.line;
  if (!isPlainObject(record.value)) {
    const got = Array.isArray(record.value) ? 'an array' : record.value === null ? 'null' : typeof record.value;
    return { problems: [{ line: record.line, field: '(case)', message: `expected an object with "prompt" or "messages", got ${got}` }] };
  }
  const raw = record.value;
  const result = caseSchema.safeParse(raw);
  const problems: DatasetProblem[] = result.success
    ? []
    : formatIssues(result.error.issues, raw).map(({ path, field, message }) => ({ line: lineOf(path), field, message }));

  const multiCall = raw.steps !== undefined || raw.turns !== undefined;
  if (multiCall) {
    // Checked with the calls, once the schema has passed.
  } else if (raw.prompt === undefined && raw.messages === undefined) {
    problems.push({ line: record.line, field: 'prompt', message: 'required (give "prompt" or "messages")' });
  } else if (raw.prompt !== undefined && raw.messages !== undefined) {
    problems.push({ line: lineOf(['messages']), field: 'messages', message: 'give "prompt" or "messages", not both' });
  }
  if (!result.success) return { problems };

  const input = result.data;
  const hasSystemMessage = input.messages?.some((message) => message.role === 'system') ?? false;
  if (input.system !== undefined && hasSystemMessage) {
    problems.push({ line: lineOf(['system']), field: 'system', message: 'give "system" or a system message in "messages", not both' });
  }
  const vars = { ...defaults.vars, ...input.vars };
  const render: RenderTemplate = (template, path, field, options) => {
    const { text, missing, tooLong } = renderTemplate(template, vars);
    if (tooLong) problems.push({ line: lineOf(path), field, message: `with its variables filled, more than ${maxCaseCharacters / 2 ** 20} Mi characters: too large for one case` });
    // A step's `{{steps.…}}` is filled by the runner with an earlier answer (checked by buildCalls).
    for (const name of options?.steps === true ? missing.filter((name) => !name.startsWith('steps.')) : missing) {
      const known = Object.keys(vars);
      const hint = known.length > 0 ? `vars: ${known.join(', ')}` : 'no vars given';
      problems.push({ line: lineOf(path), field, message: `template variable "${name}" has no value (${hint})` });
    }
    return text;
  };

  const built = buildCalls(input, { defaults, render, lineOf, line: record.line, problems });
  if (built !== undefined) return multiCallCase(record, input, defaults, built, problems);

  const messages: ModelMessage[] =
    input.prompt !== undefined
      ? [{ role: 'user', content: render(input.prompt, ['prompt'], 'prompt') }]
      : (input.messages ?? []).map((message, index) =>
          toModelMessage({ ...message, content: render(message.content, ['messages', index, 'content'], `messages[${index}].content`) }),
        );
  // A case that sets its own system message keeps it; the shared one is for the others.
  const systemTemplate = input.system ?? (hasSystemMessage ? undefined : defaults.system);
  const system = systemTemplate === undefined ? undefined : render(systemTemplate, ['system'], 'system');
  const schema = input.schema ?? defaults.schema;
  if (schema !== undefined && input.assert === undefined && input.expected !== undefined) {
    problems.push({
      line: lineOf(['expected']),
      field: 'expected',
      message: 'is not scored in a case with "schema"; give the fields to match as assert: [{"type": "json", "value": {…}}]',
    });
  }
  const { tools, problems: toolProblems } = resolveCaseTools(input, defaults, lineOf);
  problems.push(...toolProblems);
  const testCase: Case = {
    id: input.id ?? `line-${record.line}`,
    line: record.line,
    messages,
    ...(system !== undefined && { system }),
    ...(input.expected !== undefined && { expected: input.expected }),
    assert: caseAssertions(input, schema, defaults),
    tags: [...new Set([...(defaults.tags ?? []), ...(input.tags ?? [])])],
    vars,
    ...tools,
    ...(schema !== undefined && { schema }),
  };
  if (problems.length > 0) return { problems };
  return { testCase, ...(input.images !== undefined && { images: input.images }), problems };
}

/**
 * A pipeline or conversation case. Its own `assert` (or the default for its `expected`), then the
 * dataset's, score the final output; a pipeline that gives neither is scored as its output step.
 */
function multiCallCase(record: SourceRecord, input: CaseInput, defaults: DatasetDefaults, built: BuiltCalls, problems: DatasetProblem[]): { testCase?: Case; problems: DatasetProblem[] } {
  if (problems.length > 0) return { problems };
  const { calls } = built;
  const outputAssertions = calls.kind === 'pipeline' ? (calls.steps.find((step) => step.name === calls.output)?.assert ?? []) : [];
  const own = input.assert ?? (input.expected !== undefined ? [defaultAssertion(input.expected)] : outputAssertions);
  const testCase: Case = {
    id: input.id ?? `line-${record.line}`,
    line: record.line,
    messages: built.messages,
    ...(built.system !== undefined && { system: built.system }),
    ...(input.expected !== undefined && { expected: input.expected }),
    assert: [...own, ...(defaults.assert ?? [])],
    tags: [...new Set([...(defaults.tags ?? []), ...(input.tags ?? [])])],
    vars: { ...defaults.vars, ...input.vars },
    ...(built.tools !== undefined && { tools: built.tools }),
    ...(built.toolChoice !== undefined && { toolChoice: built.toolChoice }),
    calls,
  };
  return { testCase, problems };
}
