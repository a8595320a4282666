import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { DatasetProblem, ParsedSource, SourceRecord } from './source-record.ts';

function nodeLine(document: Document, lineCounter: LineCounter, path: readonly unknown[]): number | undefined {
  // Walk up from the field to its parent so a missing field is reported where its case starts.
  for (let length = path.length; length >= 0; length -= 1) {
    const node = document.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function sourceRecord(document: Document, lineCounter: LineCounter, path: unknown[], value: unknown): SourceRecord {
  const line = nodeLine(document, lineCounter, path) ?? 1;
  return { line, value, lineOf: (fieldPath) => nodeLine(document, lineCounter, [...path, ...fieldPath]) ?? line };
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
        const line = nodeLine(document, lineCounter, [key]) ?? 1;
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
    const line = nodeLine(document, lineCounter, casesPath) ?? 1;
    problems.push({ line, field: casesPath.length === 0 ? '(file)' : 'cases', message: 'expected a list of cases' });
    return { defaults, records: [], problems };
  }
  const records = cases.map((value, index) => sourceRecord(document, lineCounter, [...casesPath, index], value));
  return { defaults, records, problems };
}
