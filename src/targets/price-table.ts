import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { DatasetError } from '../config/errors.ts';
import { formatIssues, formatPath } from '../config/format-issues.ts';
import { readInputText } from '../config/read-input-text.ts';
import { yamlLine } from '../config/yaml-line.ts';
import { yamlToJS } from '../config/yaml-to-js.ts';
import { priceTableSchema, type PriceRow, type PriceTableFile } from '../config/price-table-schema.ts';

export const defaultPriceTablePath = fileURLToPath(new URL('../../data/prices.yaml', import.meta.url));

/** Where `llm-bench prices --update` writes by default, and where a run looks without --prices. */
export const localPriceTablePath = (cwd: string): string => path.join(cwd, '.llm-bench', 'prices.yaml');

/** Which file a table came from, and how old its prices are. */
export type PriceTableOrigin = {
  path: string;
  /** Named with --prices (or `prices:`), the fetched file in the working folder, or the shipped one. */
  kind: 'named' | 'local' | 'shipped';
  /** The file's `updated`, else its newest row's `as_of` (ISO 8601); undefined when neither is a date. */
  datedAt?: string;
  /** The file-level `source` (a fetched table's URL). */
  source?: string;
  /** A local file passed over because the shipped table is newer (after an upgrade of llm-bench). */
  olderLocal?: { path: string; datedAt?: string };
};

/** Rows by model; `origin` is set on every table loaded from a file (absent on a test's bare Map). */
export type PriceTable = Map<string, PriceRow> & { origin?: PriceTableOrigin };

/** Thousands of rows fit in far less; a larger file is not a price table. */
export const maxPriceTableBytes = 16 * 2 ** 20;

/**
 * The price table a run uses: the file named, else `.llm-bench/prices.yaml` in `cwd` when it is
 * there and not older than the shipped table, else the shipped data/prices.yaml.
 */
export async function loadPriceTable(file?: string, { cwd = process.cwd() }: { cwd?: string } = {}): Promise<PriceTable> {
  if (file !== undefined) return readPriceTable(file, 'named');
  const shipped = await readPriceTable(defaultPriceTablePath, 'shipped');
  const localPath = localPriceTablePath(cwd);
  if (!(await isFile(localPath))) return shipped;
  const local = await readPriceTable(localPath, 'local');
  if (timeOf(shipped) > timeOf(local)) {
    shipped.origin = { ...shipped.origin!, olderLocal: { path: localPath, ...(local.origin!.datedAt ? { datedAt: local.origin!.datedAt } : {}) } };
    return shipped;
  }
  return local;
}

/** The table's date in ms since the epoch; -Infinity when it has none (an undated file is the oldest). */
export function timeOf(table: PriceTable): number {
  const datedAt = table.origin?.datedAt;
  return datedAt === undefined ? -Infinity : Date.parse(datedAt);
}

async function readPriceTable(file: string, kind: PriceTableOrigin['kind']): Promise<PriceTable> {
  const parsed = await parsePriceFile(file);
  const table: PriceTable = new Map(parsed.prices.map((row) => [row.model, row]));
  const datedAt = datedAtOf(parsed);
  table.origin = { path: file, kind, ...(datedAt ? { datedAt } : {}), ...(parsed.source ? { source: parsed.source } : {}) };
  return table;
}

function datedAtOf(parsed: PriceTableFile): string | undefined {
  if (parsed.updated !== undefined) return new Date(Date.parse(parsed.updated)).toISOString();
  const times = parsed.prices.map((row) => Date.parse(row.as_of)).filter((time) => !Number.isNaN(time));
  return times.length > 0 ? new Date(Math.max(...times)).toISOString() : undefined;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function parsePriceFile(path: string): Promise<PriceTableFile> {
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
  return parsed.data;
}
