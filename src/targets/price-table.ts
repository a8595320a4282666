import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { DatasetError, InputError } from '../config/errors.ts';
import { formatIssues } from '../config/format-issues.ts';
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
    const input = document.toJS() as unknown;
    throw new DatasetError(
      formatIssues(parsed.error.issues, input).map((problem) => {
        // A missing field has no node: its row's line is where it is missing.
        let line = 1;
        for (let depth = problem.path.length; depth >= 0; depth--) {
          const node = document.getIn(problem.path.slice(0, depth), true) as { range?: [number] } | undefined;
          if (node?.range) {
            line = lineOf(text, node.range[0]);
            break;
          }
        }
        return `${path}:${line}: ${problem.field === '(case)' ? '(file)' : problem.field}: ${problem.message}`;
      }),
    );
  }
  return new Map(parsed.data.prices.map((row) => [row.model, row]));
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
