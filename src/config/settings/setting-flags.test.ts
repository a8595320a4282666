import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { runSettings, type RunSettingName } from './run-settings.ts';
import { settingsOfFlags, withSettingFlags } from './setting-flags.ts';

const names = Object.keys(runSettings) as RunSettingName[];
const parse = (args: string[]) => settingsOfFlags(withSettingFlags(yargs(args), names).parseSync() as Record<string, unknown>, names);

describe('the flags of the run settings, from their declarations', () => {
  it('gives only what was given: a flag left out is undefined, so the eval file or a resumed run can fill it', () => {
    expect(parse(['-d', 'a.jsonl', '-t', 'openai:gpt-4o-mini', '--max-cost', '2', '--max-tokens', '0x10', '--min-pass-rate', '0.9'])).toEqual({
      datasets: ['a.jsonl'],
      targets: ['openai:gpt-4o-mini'],
      maxCost: 2,
      maxTokens: 16,
      minPassRate: 0.9,
    });
    expect(parse([])).toEqual({});
  });

  it('takes several datasets, targets, prompts and reporters, and a boolean both ways', () => {
    expect(parse(['-d', 'a.jsonl', '--dataset', 'b.csv', '--reporter', 'summary-csv', '--no-cache', '--answer-books'])).toEqual({
      datasets: ['a.jsonl', 'b.csv'],
      reporters: ['summary-csv'],
      cache: false,
      answerBooks: true,
    });
  });

  it('reports every bad flag at once, each with its range or its repetition', () => {
    let message = '';
    try {
      parse(['--repeats', '0', '--timeout-ms', '99999999999', '--out', 'a', '--out', 'b', '--judge', ' ', '--rate', ''] );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n').sort()).toEqual([
      'Expected --judge to be a non-empty value, got " "',
      'Expected --out once, got it 2 times',
      'Expected --rate to be a number from 0.001 to 10000 requests per second, got `""`',
      'Expected --repeats to be an integer from 1 to 100000, got `0`',
      'Expected --timeout-ms to be an integer from 1 to 86400000 ms (24 h), got `99999999999`',
    ]);
  });

  it('declares every flag once: no two settings share a flag or an alias', () => {
    const flags = names.flatMap((name) => { const d = runSettings[name] as { flag?: string; alias?: string }; return [d.flag, d.alias].filter(Boolean); });
    expect(new Set(flags).size).toBe(flags.length);
  });
});
