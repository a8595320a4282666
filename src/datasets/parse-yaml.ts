import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { formatPath } from '../config/format-issues.ts';
import { yamlLine } from '../config/yaml-line.ts';
import { yamlToJS } from '../config/yaml-to-js.ts';
import type { DatasetProblem, ParsedSource, SourceRecord } from './source-record.ts';

/**
 * One case (or the defaults) as data, converted on its own: an alias bomb in one case is refused
 * at its line, and the alias limit counts per case, not across a whole file of cases.
 */
function sourceRecord(document: Document, lineCounter: LineCounter, path: unknown[], problems: DatasetProblem[]): SourceRecord | undefined {
  const converted = yamlToJS(document, lineCounter, document.getIn(path, true), path);
  if ('message' in converted) {
    const field = formatPath(converted.path.slice(path.length) as PropertyKey[]);
    problems.push({ line: converted.line, field: path[0] !== 'defaults' ? field : field === '(case)' ? 'defaults' : `defaults.${field}`, message: converted.message });
    return undefined;
  }
  const line = yamlLine(document, lineCounter, path) ?? 1;
  return { line, value: converted.value, lineOf: (fieldPath) => yamlLine(document, lineCounter, [...path, ...fieldPath]) ?? line };
}

/** A list of cases, or `{ defaults?: {...}, cases: [...] }`; lines come from the parser's node ranges. */
export function parseYaml(text: string): ParsedSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  // Without prettyErrors, `error.linePos` is left unset: the line comes from the error's offset.
  const problems: DatasetProblem[] = document.errors.map((error) => ({
    line: lineCounter.linePos(error.pos[0]).line,
    field: '(yaml)',
    message: error.message,
  }));
  if (problems.length > 0) return { records: [], problems };
  let casesPath: unknown[] = [];
  let defaults: SourceRecord | undefined;
  let cases: unknown = document.contents;
  if (isMap(document.contents)) {
    for (const { key } of document.contents.items) {
      const name = isScalar(key) ? String(key.value) : String(key);
      if (name !== 'cases' && name !== 'defaults') {
        const line = yamlLine(document, lineCounter, [isScalar(key) ? key.value : key]) ?? 1;
        problems.push({ line, field: name, message: 'unknown field (known: defaults, cases)' });
      }
    }
    if (document.has('defaults')) defaults = sourceRecord(document, lineCounter, ['defaults'], problems);
    casesPath = ['cases'];
    cases = document.get('cases', true);
    if (!document.has('cases')) problems.push({ line: 1, field: 'cases', message: 'required (a list of cases)' });
  }
  if (cases === undefined || cases === null || (isScalar(cases) && cases.value === null)) return { defaults, records: [], problems };
  if (!isSeq(cases)) {
    const line = yamlLine(document, lineCounter, casesPath) ?? 1;
    problems.push({ line, field: casesPath.length === 0 ? '(file)' : 'cases', message: 'expected a list of cases' });
    return { defaults, records: [], problems };
  }
  const records = cases.items.flatMap((_, index) => sourceRecord(document, lineCounter, [...casesPath, index], problems) ?? []);
  return { defaults, records, problems };
}
