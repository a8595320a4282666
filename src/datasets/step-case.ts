import type { ModelMessage } from 'ai';
import type { Case, CaseStep } from './case.ts';

/**
 * The case a step is sent and scored as: its own messages (rendered), its system prompt (else the
 * case's), and its own expected answer, scorers, schema and tools. Not a multi-call case itself.
 */
export function stepCase(testCase: Case, step: CaseStep, messages: ModelMessage[], system: string | undefined = step.system): Case {
  const { calls: _calls, expected: _expected, schema: _schema, tools: _tools, toolChoice: _toolChoice, system: caseSystem, ...rest } = testCase;
  const sentSystem = system ?? caseSystem;
  return {
    ...rest,
    messages,
    assert: step.assert,
    ...(sentSystem !== undefined ? { system: sentSystem } : {}),
    ...(step.expected !== undefined ? { expected: step.expected } : {}),
    ...(step.schema !== undefined ? { schema: step.schema } : {}),
    ...(step.tools !== undefined ? { tools: step.tools } : {}),
    ...(step.toolChoice !== undefined ? { toolChoice: step.toolChoice } : {}),
  };
}

/**
 * What a multi-call case's own record is scored as: the case's `assert`/`expected` when it has
 * either, else the output step's (its expected answer, scorers and schema). A conversation's
 * final output is its transcript, which the case's own scorers judge.
 */
export function finalCase(testCase: Case): Case {
  const { calls, ...rest } = testCase;
  if (!calls || testCase.assert.length > 0 || testCase.expected !== undefined) return rest;
  const output = calls.steps.find((step) => step.name === calls.output);
  if (!output) return rest;
  return {
    ...rest,
    assert: output.assert,
    ...(output.expected !== undefined ? { expected: output.expected } : {}),
    ...(output.schema !== undefined ? { schema: output.schema } : {}),
    ...(output.tools !== undefined ? { tools: output.tools } : {}),
  };
}

/** A conversation's final output: its scripted user turns and the model's answers, `user: …` and `assistant: …`, joined with blank lines. */
export function conversationTranscript(turns: ReadonlyArray<{ user: string; assistant: string }>): string {
  return turns.flatMap((turn) => [`user: ${turn.user}`, `assistant: ${turn.assistant}`]).join('\n\n');
}

/** A message's text parts, joined (what a transcript shows of it). */
export function messageText(message: ModelMessage | undefined): string {
  if (!message) return '';
  if (typeof message.content === 'string') return message.content;
  return message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}
