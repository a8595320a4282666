import { createHash } from 'node:crypto';
import path from 'node:path';
import { defaultsSchema, type DatasetDefaults } from '../config/dataset-schema.ts';
import { decodeInputText } from '../config/decode-input-text.ts';
import { DatasetError, InputError } from '../config/errors.ts';
import { formatIssues, formatPath } from '../config/format-issues.ts';
import { guardRegexpBacktracking } from '../config/guard-regexp-backtracking.ts';
import { readInputFile } from '../config/read-input-file.ts';
import { assertionReferenceProblems } from './assertion-reference-problems.ts';
import { attachImages } from './attach-images.ts';
import { buildCase } from './build-case.ts';
import type { Case, Dataset } from './case.ts';
import { customScorerProblems, type CustomModuleReference } from './custom-scorer-problems.ts';
import type { LoadedImage } from './load-image.ts';
import { parseCsv } from './parse-csv.ts';
import { parseJsonl } from './parse-jsonl.ts';
import { parseYaml } from './parse-yaml.ts';
import { readImages } from './read-images.ts';
import { toolChoiceProblem } from './resolve-case-tools.ts';
import type { DatasetProblem, ParsedSource, SourceRecord } from './source-record.ts';
import { valueTextProblems } from '../config/value-text-problems.ts';

/** Each format gets the checked text; CSV also its bytes, which its parser's offsets count. */
const parsers: Record<string, (text: string, bytes: Buffer) => ParsedSource> = {
  '.jsonl': (text) => parseJsonl(text),
  '.csv': (_text, bytes) => parseCsv(bytes),
  '.yaml': (text) => parseYaml(text),
  '.yml': (text) => parseYaml(text),
};

/** The largest dataset file read at all. */
export const maxDatasetBytes = 256 * 2 ** 20;

/**
 * The largest YAML dataset: the YAML parser holds about 110 bytes of memory per byte of file (an
 * 18 MB file of 300,000 cases took 2 GB), and Node's heap ends at about 4 GB.
 */
export const maxYamlDatasetBytes = 16 * 2 ** 20;

/** More cases than this (about 1.3 GB in memory once built) are not one benchmark. */
export const maxCases = 1_000_000;

/**
 * What no format may let into a case (a NUL however written, text nested past reason, a case
 * larger than a JSONL line may be), at the line of the field that holds it. True when the record
 * is fine to build.
 */
function checkRecordText(record: SourceRecord, prefix: string, problems: DatasetProblem[]): boolean {
  const found = valueTextProblems(record.value);
  for (const { path: fieldPath, message } of found) {
    const field = formatPath(fieldPath);
    problems.push({ line: record.lineOf?.(fieldPath) ?? record.line, field: prefix === '' ? field : `${prefix}${field === '(case)' ? '' : `.${field}`}`, message });
  }
  return found.length === 0;
}

function validateDefaults(record: SourceRecord | undefined, problems: DatasetProblem[]): DatasetDefaults {
  if (record === undefined || !checkRecordText(record, 'defaults', problems)) return {};
  const result = defaultsSchema.safeParse(record.value);
  if (result.success) {
    const problem = toolChoiceProblem(result.data.tools, result.data.tool_choice);
    if (problem !== undefined) problems.push({ line: record.lineOf?.(['tool_choice']) ?? record.line, field: 'defaults.tool_choice', message: problem });
    return result.data;
  }
  for (const { path: fieldPath, field, message } of formatIssues(result.error.issues, record.value)) {
    problems.push({ line: record.lineOf?.(fieldPath) ?? record.line, field: `defaults.${field}`.replace('.(case)', ''), message });
  }
  return {};
}

function idOf(record: SourceRecord): string | undefined {
  if (typeof record.value !== 'object' || record.value === null) return undefined;
  const id = (record.value as { id?: unknown }).id;
  if (id === undefined) return `line-${record.line}`;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Puts a case's images into its last user message; a problem when it has none. */
function withImages(testCase: Case, images: LoadedImage[], line: number, problems: DatasetProblem[]): Case {
  const messages = attachImages(testCase.messages, images);
  if (messages !== undefined) return { ...testCase, messages };
  problems.push({ line, field: 'images', message: 'needs a user message to attach the images to' });
  return testCase;
}

/**
 * Reads and validates a dataset (.jsonl, .csv, .yaml/.yml) without sending anything. Every
 * problem in the file is collected and thrown together as one DatasetError, each formatted
 * `file:line: field: what is wrong`, so a user fixes a file in one pass.
 */
export async function loadDataset(datasetPath: string): Promise<Dataset> {
  // Before any of its regex scorers is built.
  guardRegexpBacktracking();
  const extension = path.extname(datasetPath).toLowerCase();
  const parse = parsers[extension];
  if (parse === undefined) {
    throw new DatasetError([`${datasetPath}:1: (file): unsupported format "${extension}" (use .jsonl, .csv, .yaml or .yml)`]);
  }
  const yaml = extension === '.yaml' || extension === '.yml';
  const bytes = await readInputFile({ path: datasetPath, what: yaml ? 'YAML dataset' : 'dataset', maxBytes: yaml ? maxYamlDatasetBytes : maxDatasetBytes });
  const { text, problems: textProblems } = decodeInputText(bytes);
  if (textProblems.length > 0) throw new DatasetError(textProblems.map((problem) => `${datasetPath}:${problem.line}: ${problem.field}: ${problem.message}`));
  // Images are part of what is asked: a changed image must change the hash a resumed run checks.
  const hasher = createHash('sha256').update(bytes);
  const datasetDir = path.resolve(path.dirname(datasetPath));

  const source = parse(text, bytes);
  const beyond = source.records[maxCases];
  if (beyond !== undefined) {
    throw new DatasetError([`${datasetPath}:${beyond.line}: (file): more than ${maxCases.toLocaleString('en-US')} cases, the most a dataset may hold; split it`]);
  }
  const problems = [...source.problems];
  const customModules: CustomModuleReference[] = [];
  const defaults = validateDefaults(source.defaults, problems);
  const defaultAssertions = defaults.assert ?? [];
  if (source.defaults !== undefined) {
    const { line, lineOf } = source.defaults;
    problems.push(
      ...assertionReferenceProblems({ assertions: defaultAssertions, field: 'defaults.assert', datasetDir, lineOf: (fieldPath) => lineOf?.(['assert', ...fieldPath]) ?? line, customModules }),
    );
  }
  // Read once, for every case that lists no images of its own.
  let defaultImages: LoadedImage[] | undefined;
  if (source.defaults !== undefined && defaults.images !== undefined) {
    const { line, lineOf } = source.defaults;
    defaultImages = readImages({ references: defaults.images, field: 'defaults.images', datasetDir, lineOf: (fieldPath) => lineOf?.(['images', ...fieldPath]) ?? line, problems });
    for (const image of defaultImages ?? []) hasher.update(image.data);
  }
  const cases: Case[] = [];
  const firstLineOfId = new Map<string, number>();
  for (const record of source.records) {
    const textFine = checkRecordText(record, '', problems);
    const { testCase: builtCase, images: imageReferences, problems: caseProblems } = textFine ? buildCase(record, defaults) : { problems: [] };
    problems.push(...caseProblems);
    // Checked on the id as written, so a duplicate is reported even when either case has other problems.
    const id = idOf(record);
    const firstLine = id === undefined ? undefined : firstLineOfId.get(id);
    if (id !== undefined && firstLine !== undefined) {
      const line = record.lineOf?.(['id']) ?? record.line;
      problems.push({ line, field: 'id', message: `duplicate id "${id}" (first on line ${firstLine})` });
      continue;
    }
    if (id !== undefined) firstLineOfId.set(id, record.line);
    if (builtCase === undefined) continue;
    // The defaults' scorers come last in every case and were checked once, above.
    // A pipeline with no scorers of its own is scored as its output step, checked with the step.
    const ownAssertions = builtCase.calls !== undefined && (record.value as { assert?: unknown }).assert === undefined ? [] : builtCase.assert.slice(0, builtCase.assert.length - defaultAssertions.length);
    problems.push(
      ...assertionReferenceProblems({ assertions: ownAssertions, field: 'assert', datasetDir, lineOf: (fieldPath) => record.lineOf?.(['assert', ...fieldPath]) ?? record.line, customModules }),
    );
    const callsField = builtCase.calls?.kind === 'conversation' ? 'turns' : 'steps';
    for (const [index, step] of (builtCase.calls?.steps ?? []).entries()) {
      const field = `${callsField}[${index}].assert`;
      problems.push(
        ...assertionReferenceProblems({ assertions: step.assert, field, datasetDir, lineOf: (fieldPath) => record.lineOf?.([callsField, index, 'assert', ...fieldPath]) ?? step.line, customModules }),
      );
    }
    const lineOf = (fieldPath: readonly PropertyKey[]) => record.lineOf?.(fieldPath) ?? record.line;
    let images = defaultImages;
    if (imageReferences !== undefined) {
      images = readImages({ references: imageReferences, field: 'images', datasetDir, lineOf: (fieldPath) => lineOf(['images', ...fieldPath]), problems });
      for (const image of images ?? []) hasher.update(image.data);
    }
    const testCase = images === undefined ? builtCase : withImages(builtCase, images, lineOf(['images']), problems);
    cases.push({ ...testCase, datasetDir });
  }
  problems.push(...(await customScorerProblems(customModules)));
  if (problems.length === 0 && cases.length === 0) {
    problems.push({ line: 1, field: '(file)', message: 'no cases (the dataset is empty)' });
  }
  if (problems.length > 0) {
    problems.sort((left, right) => left.line - right.line);
    throw new DatasetError(problems.map((problem) => `${datasetPath}:${problem.line}: ${problem.field}: ${problem.message}`));
  }
  return { path: datasetPath, hash: hasher.digest('hex'), cases };
}

/** Loads several datasets, reporting the problems of all of them in one DatasetError. */
export async function loadDatasets(datasetPaths: readonly string[]): Promise<Dataset[]> {
  const results = await Promise.allSettled(datasetPaths.map((datasetPath) => loadDataset(datasetPath)));
  const problems: string[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') continue;
    const error: unknown = result.reason;
    if (error instanceof DatasetError) problems.push(...error.problems);
    else if (error instanceof InputError) problems.push(error.message);
    else throw error;
  }
  if (problems.length > 0) throw new DatasetError(problems);
  return results.map((result) => (result as PromiseFulfilledResult<Dataset>).value);
}
