import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { DatasetError } from '../config/errors.ts';
import { formatIssues, formatPath } from '../config/format-issues.ts';
import { readInputText } from '../config/read-input-text.ts';
import { yamlLine } from '../config/yaml-line.ts';
import { yamlToJS } from '../config/yaml-to-js.ts';
import { priceTableSchema, type PriceRow } from '../config/price-table-schema.ts';

export const defaultPriceTablePath = fileURLToPath(new URL('../../data/prices.yaml', import.meta.url));

export type PriceTable = Map<string, PriceRow>;

/** Thousands of rows fit in far less; a larger file is not a price table. */
export const maxPriceTableBytes = 16 * 2 ** 20;

export async function loadPriceTable(path = defaultPriceTablePath): Promise<PriceTable> {
  const text = await readInputText({ path, what: 'price table', maxBytes: maxPriceTableBytes });
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, logLevel: 'error' });
  if (document.errors.length > 0) {
    throw new DatasetError(document.errors.map((error) => `${path}:${lineCounter.linePos(error.pos[0]).line}: (yaml): ${error.message}`));
  }
  const converted = yamlToJS(document, lineCounter);
  if ('message' in converted) throw new DatasetError([`${path}:${converted.line}: ${formatPath(converted.path as PropertyKey[]).replace('(case)', '(file)')}: ${converted.message}`]);
  const input = converted.value;
  const parsed = priceTableSchema.safeParse(input);
  if (!parsed.success) {
    throw new DatasetError(
      formatIssues(parsed.error.issues, input).map((problem) => {
        // A missing field has no node: its row's line is where it is missing.
        const line = yamlLine(document, lineCounter, problem.path) ?? 1;
        return `${path}:${line}: ${problem.field === '(case)' ? '(file)' : problem.field}: ${problem.message}`;
      }),
    );
  }
  return new Map(parsed.data.prices.map((row) => [row.model, row]));
}
