import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPriceTablePath, type PriceTable, type PriceTableOrigin } from './price-table.ts';
import { priceTableNotice } from './price-table-notice.ts';

const tableOf = (origin?: PriceTableOrigin): PriceTable => Object.assign(new Map(), origin ? { origin } : {});
const day = 86_400_000;
const dated = Date.parse('2026-11-01T00:00:00Z');

describe('priceTableNotice', () => {
  it('says nothing for prices 30 days old or fresher', () => {
    const table = tableOf({ path: defaultPriceTablePath, kind: 'shipped', datedAt: '2026-11-01T00:00:00.000Z' });
    expect(priceTableNotice(table, dated)).toBeUndefined();
    expect(priceTableNotice(table, dated + 30 * day + day - 1)).toBeUndefined();
  });

  it('names the age of the shipped table past 30 days, and the command that fetches current prices', () => {
    const table = tableOf({ path: defaultPriceTablePath, kind: 'shipped', datedAt: '2026-11-01T00:00:00.000Z' });
    expect(priceTableNotice(table, dated + 36 * day + 5_000)).toBe(
      'The shipped price table is 36 days old (2026-11-01), and costs at list price come from it. `llm-bench prices --update` fetches current ones from the AI Gateway, and runs here use them.',
    );
  });

  it('for a table named with --prices, the fix writes that file', () => {
    const file = join(process.cwd(), 'evals', 'prices.yaml');
    const table = tableOf({ path: file, kind: 'named', datedAt: '2026-11-01T00:00:00.000Z' });
    expect(priceTableNotice(table, dated + 45 * day)).toBe(
      'The price table evals/prices.yaml is 45 days old (2026-11-01), and costs at list price come from it. `llm-bench prices --update --out evals/prices.yaml` fetches current ones from the AI Gateway.',
    );
  });

  it('says nothing for a table without a date (a hand-made file, a bare Map)', () => {
    expect(priceTableNotice(tableOf({ path: '/x/prices.yaml', kind: 'named' }), dated + 400 * day)).toBeUndefined();
    expect(priceTableNotice(tableOf(), dated + 400 * day)).toBeUndefined();
  });
});
