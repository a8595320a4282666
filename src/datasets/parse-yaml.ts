import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { formatPath } from '../config/format-issues.ts';
import { yamlLine } from '../config/yaml-line.ts';
import { yamlToJS } from '../config/yaml-to-js.ts';
import type { DatasetProblem, ParsedSource, SourceRecord } from './source-record.ts';

function sourceRecord(document: Document, lineCounter: LineCounter, path: unknown[], value: unknown): SourceRecord {
  const line = yamlLine(document, lineCounter, path) ?? 1;
  return { line, value, lineOf: (fieldPath) => yamlLine(document, lineCounter, [...path, ...fieldPath]) ?? line };
}

/** `['cases', 3, 'tags']` -> `tags`, `['defaults', 'vars']` -> `defaults.vars`: as the loader names fields. */
function fieldOf(path: readonly unknown[], casesPath: readonly unknown[]): string {
  if (path[0] === 'defaults') return path.length === 1 ? 'defaults' : `defaults.${formatPath(path.slice(1) as PropertyKey[])}`;
  return formatPath(path.slice(casesPath.length + 1) as PropertyKey[]);
}

/** A list of cases, or `{ defaults?: {...}, cases: [...] }`; lines come from the parser's node ranges. */
export function parseYaml(text: string): ParsedSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, logLevel: 'error', merge: true });
  // Without prettyErrors, `error.linePos` is left unset: the line comes from the error's offset.
  const problems: DatasetProblem[] = document.errors.map((error) => ({
    line: lineCounter.linePos(error.pos[0]).line,
    field: '(yaml)',
    message: error.message,
  }));
  if (problems.length > 0) return { records: [], problems };
  const casesPath: unknown[] = isMap(document.contents) ? ['cases'] : [];
  // Cases may share anchors freely; an alias bomb is bounded per case when the loader checks it.
  const converted = yamlToJS(document, lineCounter, { maxAliasCount: -1 });
  if ('message' in converted) return { records: [], problems: [{ line: converted.line, field: fieldOf(converted.path, casesPath), message: converted.message }] };
  const root = converted.value;
  let defaults: SourceRecord | undefined;
  let cases: unknown = root;
  if (isMap(document.contents)) {
    for (const { key } of document.contents.items) {
      const name = isScalar(key) ? String(key.value) : String(key);
      if (name !== 'cases' && name !== 'defaults') {
        const line = yamlLine(document, lineCounter, [isScalar(key) ? key.value : key]) ?? 1;
        problems.push({ line, field: name, message: 'unknown field (known: defaults, cases)' });
      }
    }
    const top = root as Record<string, unknown>;
    if (top.defaults !== undefined) defaults = sourceRecord(document, lineCounter, ['defaults'], top.defaults);
    cases = top.cases;
    if (cases === undefined) problems.push({ line: 1, field: 'cases', message: 'required (a list of cases)' });
  }
  if (cases === undefined || cases === null) return { defaults, records: [], problems };
  if (!Array.isArray(cases) || !isSeq(casesPath.length === 0 ? document.contents : document.get('cases', true))) {
    const line = yamlLine(document, lineCounter, casesPath) ?? 1;
    problems.push({ line, field: casesPath.length === 0 ? '(file)' : 'cases', message: 'expected a list of cases' });
    return { defaults, records: [], problems };
  }
  const records = cases.map((value, index) => sourceRecord(document, lineCounter, [...casesPath, index], value));
  return { defaults, records, problems };
}
