import type { Assertion } from '../datasets/index.ts';
import type { KnownAnswer } from '../mock/index.ts';

/**
 * Answers a model could give that the case's own assertions would pass: a text holding every
 * value its text scorers look for, and the tool call its `tool-call` scorer names. Candidates
 * only: the caller scores each one, and a case whose assertions no text can be built for (a
 * regex, a custom scorer) is left to its answer book or its `expected`.
 */
export function synthesizeRightAnswers(assertions: readonly Assertion[]): KnownAnswer[] {
  const parts: string[] = [];
  let exact: string | undefined;
  let toolCall: KnownAnswer['toolCall'];
  for (const assertion of assertions) {
    const value = assertion.value;
    switch (assertion.type) {
      case 'equals':
        exact = String(value);
        break;
      case 'contains':
      case 'icontains':
      case 'starts-with':
      case 'similarity':
      case 'rouge-l':
        parts.push(String(value));
        break;
      case 'contains-any':
        if (Array.isArray(value) && value.length > 0) parts.push(String(value[0]));
        break;
      case 'contains-all':
        if (Array.isArray(value)) parts.push(...value.map(String));
        break;
      case 'numeric':
      case 'choice':
        parts.push(`The answer is ${String(value)}.`);
        break;
      case 'json':
        if (value !== undefined) parts.push(JSON.stringify(value));
        break;
      case 'tool-call':
        toolCall = { name: String(assertion.name), arguments: (assertion.arguments as Record<string, unknown> | undefined) ?? {} };
        break;
    }
  }
  if (exact !== undefined) return [{ text: exact }];
  const text = parts.join(' ');
  if (toolCall) return [{ text: '', toolCall }, ...(text === '' ? [] : [{ text, toolCall }])];
  return text === '' ? [] : [{ text }, { text: parts.join('\n') }];
}

/**
 * Wrong answers a weaker model could plausibly give, first to last: a nearby number for a
 * `numeric` case, another option for a `choice` case. Other cases' answers come after these.
 */
export function synthesizeWrongAnswers(assertions: readonly Assertion[]): KnownAnswer[] {
  const answers: KnownAnswer[] = [];
  for (const assertion of assertions) {
    if (assertion.type === 'numeric') {
      const value = Number(String(assertion.value).replace(/,/g, ''));
      if (Number.isFinite(value)) answers.push({ text: `The answer is ${value + Math.max(1, Math.round(Math.abs(value) * 0.1))}.` });
    }
    if (assertion.type === 'choice') {
      const letters = typeof assertion.letters === 'string' ? assertion.letters.toUpperCase() : 'ABCD';
      const other = [...letters].find((letter) => letter !== String(assertion.value).toUpperCase());
      if (other !== undefined) answers.push({ text: `The answer is ${other}.` });
    }
  }
  return answers;
}
