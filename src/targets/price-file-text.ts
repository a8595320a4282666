import { stringify } from 'yaml';
import type { PriceRow } from '../config/price-table-schema.ts';

/**
 * A price file as `loadPriceTable` reads it: dated (`updated`, an ISO time) and sourced at the
 * top and on every row, rows sorted by model so that two updates diff line by line.
 */
export function priceFileText({ updated, source, rows }: { updated: string; source: string; rows: readonly PriceRow[] }): string {
  const header = [
    '# USD per million tokens, fetched by `llm-bench prices --update` from the AI Gateway\'s model list.',
    '# A run uses this file instead of the shipped table while it is the newer of the two (see `llm-bench prices`).',
  ];
  const sorted = [...rows].sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  const body = stringify({ version: 1, updated, source, prices: sorted }, { lineWidth: 0 });
  return `${header.join('\n')}\n${body}`;
}
