import { describe, expect, it } from 'vitest';
import type { PriceRow } from '../config/price-table-schema.ts';
import { ageText, checkLines, priceTableLines, updateLines } from './price-file-lines.ts';
import type { PriceTable } from './price-table.ts';

const row = (model: string, input: number, output: number, cached_input?: number): PriceRow => ({ model, input, output, ...(cached_input !== undefined ? { cached_input } : {}), source: 's', as_of: '2026-12-01' });
const tableOf = (rows: PriceRow[], origin?: PriceTable['origin']): PriceTable => Object.assign(new Map(rows.map((item) => [item.model, item])), origin ? { origin } : {});
const now = Date.parse('2026-12-07T12:00:00Z');

describe('priceTableLines', () => {
  it('names the file, its kind and age, the fetched file passed over, and the rows in aligned columns', () => {
    const table = tableOf([row('openai/gpt-4o-mini', 0.15, 0.6, 0.075), row('x/long-model-name', 12.5, 100)], {
      path: '/work/project/data/prices.yaml',
      kind: 'shipped',
      datedAt: '2026-12-01T00:00:00.000Z',
      olderLocal: { path: '/work/project/.llm-bench/prices.yaml', datedAt: '2026-10-02T08:00:00.000Z' },
    });
    expect(priceTableLines(table, { nowMs: now, cwd: '/work/project' })).toEqual([
      'Price table: data/prices.yaml (shipped with llm-bench)',
      'Dated: 2026-12-01, 6 days ago',
      'Not used: .llm-bench/prices.yaml (2026-10-02T08:00:00Z, 66 days ago), older than the shipped table',
      '',
      'model               input  output  cached input  as of',
      'openai/gpt-4o-mini   0.15     0.6         0.075  2026-12-01',
      'x/long-model-name    12.5     100                2026-12-01',
      '2 models; USD per million tokens.',
    ]);
  });

  it('ends with the stale-price notice past 30 days', () => {
    const table = tableOf([row('a/b', 1, 2)], { path: '/elsewhere/p.yaml', kind: 'named', datedAt: '2026-10-01T00:00:00.000Z' });
    const lines = priceTableLines(table, { nowMs: now, cwd: '/work/project' });
    expect(lines.at(-1)).toMatch(/^The price table \/elsewhere\/p\.yaml is 67 days old \(2026-10-01\)/);
  });
});

describe('ageText', () => {
  it('says today, one day, and an undated table as such', () => {
    expect(ageText('2026-12-07T09:00:00.000Z', now)).toBe('2026-12-07T09:00:00Z, today');
    expect(ageText('2026-12-06T00:00:00.000Z', now)).toBe('2026-12-06, 1 day ago');
    expect(ageText(undefined, now)).toBe('undated (no `updated:` and no row dated)');
  });
});

describe('checkLines', () => {
  const source = 'https://gateway.example/v4/ai/config';
  it('lists each changed price, the models the list lacks and the count it adds, and differs', () => {
    const table = tableOf([row('a/same', 1, 2, 0.5), row('a/changed', 1, 2, 0.5), row('a/gone', 1, 2)]);
    const { lines, differs } = checkLines(table, [row('a/same', 1, 2, 0.5), row('a/changed', 1.5, 2), row('a/new', 3, 4)], source);
    expect(differs).toBe(true);
    expect(lines).toEqual([
      `1 of the table's 3 models has another price at ${source}:`,
      '  a/changed: input 1 -> 1.5, cached_input 0.5 -> (none)',
      "In the table, not in the gateway's list: a/gone",
      '1 more priced model is in the list and not in the table.',
      'Fetch them with `llm-bench prices --update`.',
    ]);
  });

  it('names the file to update when the table was given with --prices', () => {
    const table = Object.assign(tableOf([row('a/changed', 1, 2)]), { origin: { path: 'team/prices.yaml', kind: 'named' as const } });
    const { lines } = checkLines(table, [row('a/changed', 1.5, 2)], source);
    expect(lines.at(-1)).toBe('Fetch them with `llm-bench prices --update --out team/prices.yaml`.');
  });

  it('does not differ when every listed price matches, though models are missing or added', () => {
    const { lines, differs } = checkLines(tableOf([row('a/same', 1, 2), row('a/gone', 1, 2)]), [row('a/same', 1, 2), row('a/new', 1, 2)], source);
    expect(differs).toBe(false);
    expect(lines[0]).toBe(`Every price in the table matches ${source}.`);
  });
});

describe('updateLines', () => {
  it('says where a file that runs do not pick up by themselves is used', () => {
    const lines = updateLines({ file: '/work/project/prices/current.yaml', source: 's', updated: 'u', rows: 1, skipped: [], otherKinds: 4, usedByRuns: false }, '/work/project');
    expect(lines).toEqual([
      "Wrote 1 model's prices to prices/current.yaml (from s, u).",
      'Left out 4 image, embedding, speech and other models that are not priced per token of text.',
      'Use it in a run with --prices prices/current.yaml.',
    ]);
  });
});
