import { findNumbers, type FoundNumber } from './find-numbers.ts';
import { canonicalText } from './normalize-text.ts';

export type ExtractedNumber = { value: number; text: string };

/** The number an answer gives, or the several it offers instead of one ("5 or 6"). */
export type AnswerNumber = ExtractedNumber | { hedged: ExtractedNumber[] };

/**
 * Where a model states its result, so the result is read rather than the last figure of the
 * working: "the answer is", "answer:", GSM8K's "####", LaTeX `\boxed{}`.
 */
const answerMarker = /(?:answer\s*(?:is\b|:|=)|final answer|####|\\boxed\{|result\s*(?:is\b|:|=))/giu;

/** The end of the sentence or line a statement is in; a full stop inside "3.5" is not one. */
const statementEnd = /\n|[.!?;](?=\s|$)/u;

/** "not 20", "isn't 20", "not exactly $20": the answer refuses that number rather than giving it. */
const refusal = /(?:\bnot|n't)\s+(?:(?:exactly|equal\s+to|just)\s+)?[$€£¥]?$/iu;
/** Numbers listed after a refused one are refused too: "not 20 or 21". */
const listGap = /^\s*(?:,|or|nor)\s*[$€£¥]?$/iu;
/** "5 or 6", "5, or maybe 6", "5 (or 6)", "x = 5 or x = 6"; not "5 or so, since 3 + 2 is 5". */
const orGap = /^[\s,(]*(?:or|and\/or)\s+(?:\p{L}+\s+){0,2}(?:\p{L}\s*=\s*)?[$€£¥]?$/iu;
const betweenBefore = /\b(?:between|from)\s+[$€£¥]?$/iu;
const betweenGap = /^\s*(?:and|to|-|–)\s*[$€£¥]?$/iu;
/** Working between two numbers: "12 + 3", "6 × 7", "10 divided by 2", "= 15", "25% of 40". */
const arithmeticGap = /^\s*(?:[-+*×x·÷/=≈−]|plus|minus|times|divided\s+by|multiplied\s+by)\s*[$€£¥]?$/iu;

function plain({ value, text }: FoundNumber): ExtractedNumber {
  return { value, text };
}

/** The numbers a text gives, leaving out those it refuses. */
function givenNumbers(text: string, numbers: FoundNumber[]): FoundNumber[] {
  const refused = new Set<FoundNumber>();
  numbers.forEach((number, position) => {
    const previous = numbers[position - 1];
    const listedAfterRefused = previous !== undefined && refused.has(previous) && listGap.test(text.slice(previous.end, number.index));
    if (listedAfterRefused || refusal.test(text.slice(0, number.index))) refused.add(number);
  });
  return numbers.filter((number) => !refused.has(number));
}

/** The distinct numbers a text offers side by side, when it offers more than one. */
function hedge(text: string, numbers: FoundNumber[]): ExtractedNumber[] | undefined {
  const offered: FoundNumber[] = [];
  numbers.forEach((number, position) => {
    const previous = numbers[position - 1];
    if (previous === undefined) return;
    const gap = text.slice(previous.end, number.index);
    if (orGap.test(gap) || (betweenGap.test(gap) && betweenBefore.test(text.slice(0, previous.index)))) offered.push(previous, number);
  });
  const distinct = [...new Map(offered.map((number) => [number.value, number])).values()];
  return distinct.length > 1 ? distinct.map(plain) : undefined;
}

/**
 * The number of one answer statement. Its first number, unless the statement shows its working
 * ("12 + 3 = 15", "25% of 40, that is 10"): then the result, which comes last. Asides in
 * parentheses ("42 (it took 3 steps)") are not the answer; a hedge anywhere in it ("5 (or 6)") is.
 */
function statementNumber(statement: string): AnswerNumber | undefined {
  const given = givenNumbers(statement, findNumbers(statement));
  const hedged = hedge(statement, given);
  if (hedged !== undefined) return { hedged };
  const withoutAsides = statement.replace(/\([^()]*\)/gu, (aside) => ' '.repeat(aside.length));
  const all = findNumbers(withoutAsides);
  const numbers = givenNumbers(withoutAsides, all);
  const candidates = numbers.length > 0 ? numbers : given;
  const worked = all.some((number, position) => {
    const previous = all[position - 1];
    if (previous === undefined) return false;
    const gap = withoutAsides.slice(previous.end, number.index);
    return arithmeticGap.test(gap) || (previous.text.endsWith('%') && /^\s*of\s*$/iu.test(gap));
  });
  const chosen = worked ? candidates.at(-1) : candidates[0];
  return chosen === undefined ? undefined : plain(chosen);
}

/**
 * The number an answer gives. After its last answer marker, the number of that statement (the
 * rest of its sentence or line); without a marker, its final number. Refused numbers ("not 20")
 * are skipped, and an answer that offers several ("5 or 6", "between 5 and 6") gives none.
 */
export function extractAnswerNumber(text: string): AnswerNumber | undefined {
  // LaTeX answers write fractions as \frac{1}{2}.
  const normalized = canonicalText(text).replace(/\\d?frac\{(\d+)\}\{(\d+)\}/gu, '$1/$2');
  const lastMarker = [...normalized.matchAll(answerMarker)].at(-1);
  if (lastMarker !== undefined) {
    const afterMarker = normalized.slice(lastMarker.index + lastMarker[0].length);
    const allAfter = findNumbers(afterMarker);
    if (allAfter.length > 0) {
      const start = afterMarker.search(/[^\s:*]/u);
      const statement = start < 0 ? '' : afterMarker.slice(start).split(statementEnd)[0] ?? '';
      const stated = statementNumber(statement);
      if (stated !== undefined) return stated;
      // "The answer is approx. 15" ends its sentence early; the next number given is the answer.
      const first = givenNumbers(afterMarker, allAfter)[0];
      return first === undefined ? undefined : plain(first);
    }
  }
  const numbers = givenNumbers(normalized, findNumbers(normalized));
  const hedged = hedge(normalized, numbers.slice(-2));
  if (hedged !== undefined) return { hedged };
  const last = numbers.at(-1);
  return last === undefined ? undefined : plain(last);
}
