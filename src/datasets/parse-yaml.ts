import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { yamlLine } from '../config/yaml-line.ts';
import type { DatasetProblem, ParsedSource, SourceRecord } from './source-record.ts';

function sourceRecord(document: Document, lineCounter: LineCounter, path: unknown[], value: unknown): SourceRecord {
  const line = yamlLine(document, lineCounter, path) ?? 1;
  return { line, value, lineOf: (fieldPath) => yamlLine(document, lineCounter, [...path, ...fieldPath]) ?? line };
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
  const root = document.toJS({ maxAliasCount: 1000 }) as unknown;
  let casesPath: unknown[] = [];
  let defaults: SourceRecord | undefined;
  let cases: unknown = root;
  if (isMap(document.contents)) {
    const top = root as Record<string, unknown>;
    for (const key of Object.keys(top)) {
      if (key !== 'cases' && key !== 'defaults') {
        const line = yamlLine(document, lineCounter, [key]) ?? 1;
        problems.push({ line, field: key, message: 'unknown field (known: defaults, cases)' });
      }
    }
    if (top.defaults !== undefined) defaults = sourceRecord(document, lineCounter, ['defaults'], top.defaults);
    casesPath = ['cases'];
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
