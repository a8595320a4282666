import { formatPath } from '../config/format-issues.ts';
import { parse } from 'csv-parse/sync';
import { parseAssertCell } from './parse-assert-cell.ts';
import type { DatasetProblem, ParsedSource, SourceRecord } from './source-record.ts';

const plainColumns = ['id', 'prompt', 'system', 'expected', 'tags', 'assert'];
/** A pipeline's or a conversation's fields: lists of objects, which a CSV cell does not hold. */
const multiCallColumns = ['steps', 'turns', 'output'];
const knownColumns = `${plainColumns.join(', ')}, vars.<name>`;

/**
 * 1-based line a record starts on: csv-parse reports byte offsets where records end. Offsets only
 * grow, so the count goes on from the last one: counting from the start for every record made a
 * 3 MB file of 100,000 rows take minutes.
 */
function lineFinder(bytes: Buffer): (offset: number) => number {
  let counted = 0;
  let line = 1;
  return (offset) => {
    let start = offset;
    while (start < bytes.length && (bytes[start] === 0x0a || bytes[start] === 0x0d)) start += 1;
    for (let index = bytes.indexOf(0x0a, counted); index !== -1 && index < start; index = bytes.indexOf(0x0a, index + 1)) line += 1;
    counted = Math.max(counted, start);
    return line;
  };
}

function checkHeader(header: string[], problems: DatasetProblem[]): void {
  const seen = new Set<string>();
  for (const column of header) {
    if (column === '') problems.push({ line: 1, field: '(header)', message: 'empty column name' });
    else if (multiCallColumns.includes(column)) {
      problems.push({ line: 1, field: '(header)', message: `column "${column}": a case of several calls (steps, turns) cannot be written in CSV; use a YAML or JSONL dataset` });
    }
    else if (!plainColumns.includes(column) && !/^vars\.[\w-]+$/.test(column)) {
      problems.push({ line: 1, field: '(header)', message: `unknown column "${column}" (known: ${knownColumns})` });
    } else if (seen.has(column)) problems.push({ line: 1, field: '(header)', message: `duplicate column "${column}"` });
    seen.add(column);
  }
  if (!seen.has('prompt')) problems.push({ line: 1, field: '(header)', message: 'missing column "prompt"' });
}

/**
 * A header row, then one case per row. Empty cells are absent fields; `vars.<name>` columns fill
 * `vars`; `tags` is split on `;` or `|`; `assert` is a JSON array or the shorthand of
 * parseAssertCell.
 */
export function parseCsv(bytes: Buffer): ParsedSource {
  const problems: DatasetProblem[] = [];
  let rows: Array<{ record: string[]; info: { bytes: number } }>;
  try {
    // With `info: true` csv-parse returns {record, info} pairs; its overloads do not say so.
    rows = parse(bytes, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof rows;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { records: [], problems: [{ line, field: '(csv)', message: (error as Error).message }] };
  }
  const [headerRow, ...dataRows] = rows;
  if (headerRow === undefined) return { records: [], problems };
  const header = headerRow.record.map((column) => column.trim());
  checkHeader(header, problems);
  // Rows read with a wrong header would repeat the header's problem once per row.
  if (problems.length > 0) return { records: [], problems };
  const records: SourceRecord[] = [];
  const lineAt = lineFinder(bytes);
  let endOfPrevious = headerRow.info.bytes;
  for (const { record: cells, info } of dataRows) {
    const line = lineAt(endOfPrevious);
    endOfPrevious = info.bytes;
    if (cells.length !== header.length) {
      problems.push({ line, field: '(row)', message: `expected ${header.length} cells like the header, got ${cells.length}` });
      continue;
    }
    const value: Record<string, unknown> = {};
    const vars: Record<string, string> = {};
    for (const [index, column] of header.entries()) {
      const cell = cells[index] ?? '';
      if (cell === '') continue;
      if (column.startsWith('vars.')) vars[column.slice('vars.'.length)] = cell;
      else if (column === 'assert') {
        const parsed = parseAssertCell(cell);
        if ('problem' in parsed) problems.push({ line, field: formatPath(['assert', ...(parsed.path ?? [])]), message: parsed.problem });
        else value.assert = parsed.assert;
      } else value[column] = cell;
    }
    if (Object.keys(vars).length > 0) value.vars = vars;
    records.push({ line, value });
  }
  return { records, problems };
}
