import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { DatasetError, InputError } from '../config/errors.ts';
import { formatIssues } from '../config/format-issues.ts';
import { yamlLine } from '../config/yaml-line.ts';
import { priceTableSchema, type PriceRow } from '../config/price-table-schema.ts';

export const defaultPriceTablePath = fileURLToPath(new URL('../../data/prices.yaml', import.meta.url));

export type PriceTable = Map<string, PriceRow>;

export async function loadPriceTable(path = defaultPriceTablePath): Promise<PriceTable> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`price table ${path}: cannot read it`, { cause: error });
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    throw new DatasetError(document.errors.map((error) => `${path}:${error.linePos?.[0].line ?? 1}: (yaml): ${error.message}`));
  }
  const input = document.toJS() as unknown;
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
