import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { DatasetError, InputError } from '../config/errors.ts';
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
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new DatasetError(document.errors.map((error) => `${path}:${error.linePos?.[0].line ?? 1}: (yaml): ${error.message}`));
  }
  const parsed = priceTableSchema.safeParse(document.toJS());
  if (!parsed.success) {
    throw new DatasetError(
      parsed.error.issues.map((issue) => {
        const node = document.getIn(issue.path, true) as { range?: [number] } | undefined;
        const line = node?.range ? lineOf(text, node.range[0]) : 1;
        return `${path}:${line}: ${issue.path.join('.') || '(file)'}: ${issue.message}`;
      }),
    );
  }
  return new Map(parsed.data.prices.map((row) => [row.model, row]));
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
