import { InputError } from '../../config/errors.ts';

/** One shape of generated cases: prompts of exactly `inputTokens`, asking for `outputTokens`. */
export type SyntheticShape = {
  inputTokens: number;
  outputTokens: number;
  /** Cases of this shape, each with its own text. */
  cases: number;
};

/** Cases per shape when the spec does not say. */
export const defaultSyntheticCases = 10;

/**
 * The bounds of a spec's numbers. Input: 100 tokens, Artificial Analysis's shortest prompt, holds
 * the instruction with room for text; 200,000 is above every context window the simulator models
 * and most real ones. Output: the bound of --max-tokens.
 */
export const syntheticBounds = {
  input: { minimum: 100, maximum: 200_000 },
  output: { minimum: 1, maximum: 1_000_000 },
  cases: { minimum: 1, maximum: 1000 },
} as const;

/** Every prompt of every shape together: 100 cases of 100k tokens. */
export const maxSyntheticInputTokens = 10_000_000;

type Key = keyof typeof syntheticBounds;
const keys = Object.keys(syntheticBounds) as Key[];

/**
 * `input=1000,output=200`, `input=1k,output=200,cases=5`, or lists of values, one shape each:
 * `input=100|1k|10k|100k,output=200`. A count is a whole number of tokens, `k` meaning thousands.
 * `names` says how messages name a spec and the setting: by the flag, or the eval file's line and key.
 * Every problem of every spec is reported at once; a shape given twice is one of them.
 */
export function parseSyntheticSpecs(specs: readonly string[], names: SpecNames): SyntheticShape[] {
  const where = names.item;
  const problems: string[] = [];
  const shapes: SyntheticShape[] = [];
  const seen = new Set<string>();
  for (const [index, spec] of specs.entries()) {
    const parsed = parseSpec(spec);
    if (typeof parsed === 'string') {
      problems.push(`${where(index)}: ${parsed}`);
      continue;
    }
    // One message per spec: a list that repeats a value a thousand times is one mistake.
    let twice: SyntheticShape | undefined;
    for (const shape of parsed) {
      const key = `${shape.inputTokens}/${shape.outputTokens}`;
      if (seen.has(key)) twice ??= shape;
      seen.add(key);
    }
    if (twice) problems.push(`${where(index)}: the shape input=${twice.inputTokens},output=${twice.outputTokens} is given twice (one shape, several cases: cases=N)`);
    shapes.push(...parsed);
  }
  const total = shapes.reduce((sum, shape) => sum + shape.inputTokens * shape.cases, 0);
  if (total > maxSyntheticInputTokens) {
    problems.push(`${names.setting}: the shapes add up to ${total.toLocaleString('en-US')} input tokens of prompts, more than ${maxSyntheticInputTokens.toLocaleString('en-US')} (about 50 MB of text, held in memory and counted before the run): fewer cases or shorter inputs`);
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return shapes;
}

/** How messages name one spec (`--synthetic "…"`, `llm-bench.yaml:4: synthetic[1]`) and all of them (`--synthetic`). */
export type SpecNames = { item: (index: number) => string; setting: string };

const example = "expected 'input=N,output=M[,cases=K]' such as 'input=1000,output=200'";

/** The shapes of one spec, or what is wrong with it. */
function parseSpec(spec: string): SyntheticShape[] | string {
  const given = new Map<Key, number[]>();
  const text = spec.trim();
  if (text === '') return `${example}, got nothing`;
  for (const part of text.split(',')) {
    const match = /^\s*([^=\s]*)\s*=\s*(.*?)\s*$/.exec(part);
    if (!match) return `${example}, got ${quoted(part.trim())} without '='`;
    const key = match[1]!.toLowerCase();
    if (!isKey(key)) return `unknown key ${quoted(match[1]!)} (known: ${keys.join(', ')})`;
    if (given.has(key)) return `${key} is given twice`;
    const values: number[] = [];
    for (const written of match[2]!.split('|')) {
      const value = readCount(written.trim());
      const { minimum, maximum } = syntheticBounds[key];
      if (value === undefined) return `${key}: expected ${key === 'cases' ? 'a whole number such as 5' : 'a whole number of tokens such as 1000 or 1k'}, got ${quoted(written.trim())}`;
      if (value < minimum || value > maximum) return `${key}: expected ${minimum.toLocaleString('en-US')} to ${maximum.toLocaleString('en-US')}${key === 'cases' ? '' : ' tokens'}, got ${value.toLocaleString('en-US')}`;
      values.push(value);
    }
    if (key === 'cases' && values.length > 1) return 'cases: expected one number, not a list';
    given.set(key, values);
  }
  const inputs = given.get('input');
  const outputs = given.get('output');
  if (!inputs || !outputs) return `${example}: ${!inputs ? 'input' : 'output'} is missing`;
  const cases = given.get('cases')?.[0] ?? defaultSyntheticCases;
  return inputs.flatMap((inputTokens) => outputs.map((outputTokens) => ({ inputTokens, outputTokens, cases })));
}

function isKey(key: string): key is Key {
  return (keys as string[]).includes(key);
}

/** `1000`, `1k`, `1.5k`, `10K` (no `1,000`: the comma parts a spec). Anything else (`1kb`, `1e3`, `-5`, `2.5`) is undefined. */
function readCount(written: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(k?)$/i.exec(written);
  if (!match) return undefined;
  const value = Number(match[1]) * (match[2] ? 1000 : 1);
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * A value as a message quotes it: in JSON's quotes, control and format characters (a terminal's
 * escape, a bidi override) written as escapes, and cut to 60 characters, whatever was given.
 */
export function quoted(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return JSON.stringify(shown).replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
