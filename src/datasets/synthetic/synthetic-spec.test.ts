import { describe, expect, it } from 'vitest';
import { parseSyntheticSpecs } from './synthetic-spec.ts';

const names = { item: (index: number) => `--synthetic #${index}`, setting: '--synthetic' };
const parse = (...specs: string[]) => parseSyntheticSpecs(specs, names);
const problem = (...specs: string[]) => {
  try {
    parse(...specs);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('parseSyntheticSpecs', () => {
  it('reads a shape, 10 cases by default, and cases=K', () => {
    expect(parse('input=1000,output=200')).toEqual([{ inputTokens: 1000, outputTokens: 200, cases: 10 }]);
    expect(parse(' input = 1000 , output=200 , cases=3 ')).toEqual([{ inputTokens: 1000, outputTokens: 200, cases: 3 }]);
  });

  it('reads k as thousands, in either case, and lists of values as one shape each', () => {
    expect(parse('input=100|1k|10K|100k,output=200|1.5k,cases=2')).toEqual([
      { inputTokens: 100, outputTokens: 200, cases: 2 },
      { inputTokens: 100, outputTokens: 1500, cases: 2 },
      { inputTokens: 1000, outputTokens: 200, cases: 2 },
      { inputTokens: 1000, outputTokens: 1500, cases: 2 },
      { inputTokens: 10000, outputTokens: 200, cases: 2 },
      { inputTokens: 10000, outputTokens: 1500, cases: 2 },
      { inputTokens: 100000, outputTokens: 200, cases: 2 },
      { inputTokens: 100000, outputTokens: 1500, cases: 2 },
    ]);
  });

  it('keeps several specs in order', () => {
    expect(parse('input=1k,output=100', 'input=10k,output=500,cases=1').map((shape) => [shape.inputTokens, shape.outputTokens, shape.cases])).toEqual([
      [1000, 100, 10],
      [10000, 500, 1],
    ]);
  });

  it('refuses units other than k, fractions of a token, and signs, naming the key and what it got', () => {
    expect(problem('input=1kb,output=200')).toBe(`--synthetic #0: input: expected a whole number of tokens such as 1000 or 1k, got "1kb"`);
    expect(problem('input=1000tokens,output=200')).toContain('input: expected a whole number of tokens such as 1000 or 1k, got "1000tokens"');
    expect(problem('input=1000,output=2.5')).toContain('output: expected a whole number of tokens such as 1000 or 1k, got "2.5"');
    expect(problem('input=1e3,output=200')).toContain('got "1e3"');
    expect(problem('input=1000,output=-5')).toContain('got "-5"');
    expect(problem('input=1000,output=')).toContain('output: expected a whole number of tokens such as 1000 or 1k, got ""');
  });

  it('refuses counts out of bounds: input 100 to 200k, output at least 1, cases 1 to 1000', () => {
    expect(problem('input=99,output=200')).toBe('--synthetic #0: input: expected 100 to 200,000 tokens, got 99');
    expect(problem('input=300k,output=200')).toBe('--synthetic #0: input: expected 100 to 200,000 tokens, got 300,000');
    expect(problem('input=1000,output=0')).toBe('--synthetic #0: output: expected 1 to 1,000,000 tokens, got 0');
    expect(problem('input=1000,output=10,cases=0')).toBe('--synthetic #0: cases: expected 1 to 1,000, got 0');
    expect(problem('input=1000,output=10,cases=2|3')).toBe('--synthetic #0: cases: expected one number, not a list');
  });

  it('quotes what it got with control characters escaped and a long value cut', () => {
    expect(problem('input=1000,output=2\u001b[31m')).toBe('--synthetic #0: output: expected a whole number of tokens such as 1000 or 1k, got "2\\u001b[31m"');
    expect(problem('input=1000,output=5,cases=x\u202e')).toBe('--synthetic #0: cases: expected a whole number such as 5, got "x\\u202e"');
    expect(problem(`input=1000,${'x'.repeat(500)}=1`)).toBe(`--synthetic #0: unknown key "${'x'.repeat(59)}…" (known: input, output, cases)`);
  });

  it('refuses unknown keys, missing ones, repeated ones and parts without =', () => {
    expect(problem('input=1000,outptu=200')).toBe('--synthetic #0: unknown key "outptu" (known: input, output, cases)');
    expect(problem('input=1000')).toBe("--synthetic #0: expected 'input=N,output=M[,cases=K]' such as 'input=1000,output=200': output is missing");
    expect(problem('output=10')).toContain(': input is missing');
    expect(problem('input=1000,output=10,input=2000')).toBe('--synthetic #0: input is given twice');
    expect(problem('1000,200')).toBe(`--synthetic #0: expected 'input=N,output=M[,cases=K]' such as 'input=1000,output=200', got "1000" without '='`);
    expect(problem('  ')).toBe(`--synthetic #0: expected 'input=N,output=M[,cases=K]' such as 'input=1000,output=200', got nothing`);
  });

  it('refuses shapes whose prompts add up to more than 10M input tokens', () => {
    expect(parse('input=100k,output=1,cases=100')).toHaveLength(1);
    expect(problem('input=100k,output=1,cases=100', 'input=100,output=1,cases=1')).toBe(
      '--synthetic: the shapes add up to 10,000,100 input tokens of prompts, more than 10,000,000 (about 50 MB of text, held in memory and counted before the run): fewer cases or shorter inputs',
    );
  });

  it('refuses a shape given twice, and reports every spec\'s problem at once', () => {
    expect(problem('input=1k,output=200', 'input=1000|2000,output=200')).toBe('--synthetic #1: the shape input=1000,output=200 is given twice (one shape, several cases: cases=N)');
    expect(problem(`input=${'100|'.repeat(1000)}100,output=5`)).toBe('--synthetic #0: the shape input=100,output=5 is given twice (one shape, several cases: cases=N)');
    expect(problem('input=1,output=2', 'input=1000,output=0').split('\n')).toEqual([
      '--synthetic #0: input: expected 100 to 200,000 tokens, got 1',
      '--synthetic #1: output: expected 1 to 1,000,000 tokens, got 0',
    ]);
  });
});
