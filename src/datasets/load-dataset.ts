import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultsSchema, type DatasetDefaults } from '../config/dataset-schema.ts';
import { DatasetError, InputError } from '../config/errors.ts';
import { formatIssues } from '../config/format-issues.ts';
import { buildCase } from './build-case.ts';
import type { Case, Dataset } from './case.ts';
import { parseCsv } from './parse-csv.ts';
import { parseJsonl } from './parse-jsonl.ts';
import { parseYaml } from './parse-yaml.ts';
import { resolveDatasetFile } from './resolve-dataset-file.ts';
import type { DatasetProblem, ParsedSource, SourceRecord } from './source-record.ts';

const parsers: Record<string, (bytes: Buffer) => ParsedSource> = {
  '.jsonl': (bytes) => parseJsonl(bytes.toString('utf8')),
  '.csv': (bytes) => parseCsv(bytes),
  '.yaml': (bytes) => parseYaml(bytes.toString('utf8')),
  '.yml': (bytes) => parseYaml(bytes.toString('utf8')),
};

async function readDatasetFile(datasetPath: string): Promise<Buffer> {
  try {
    return await readFile(datasetPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`dataset not found: ${datasetPath}`, { cause: error });
    if (code === 'EISDIR') throw new InputError(`dataset is a folder, not a file: ${datasetPath}`, { cause: error });
    throw new InputError(`cannot read dataset ${datasetPath}: ${(error as Error).message}`, { cause: error });
  }
}

function validateDefaults(record: SourceRecord | undefined, problems: DatasetProblem[]): DatasetDefaults {
  if (record === undefined) return {};
  const result = defaultsSchema.safeParse(record.value);
  if (result.success) return result.data;
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

/** Custom scorer modules must exist inside the dataset's folder before anything is sent. */
function checkCustomModules(testCase: Case, datasetDir: string, lineOf: SourceRecord['lineOf'], problems: DatasetProblem[]): void {
  for (const [index, assertion] of testCase.assert.entries()) {
    if (assertion.type !== 'custom' || typeof assertion.module !== 'string') continue;
    const resolved = resolveDatasetFile(datasetDir, assertion.module);
    if ('problem' in resolved) {
      const line = lineOf?.(['assert', index, 'module']) ?? testCase.line;
      problems.push({ line, field: `assert[${index}].module`, message: resolved.problem });
    }
  }
}

/**
 * Reads and validates a dataset (.jsonl, .csv, .yaml/.yml) without sending anything. Every
 * problem in the file is collected and thrown together as one DatasetError, each formatted
 * `file:line: field: what is wrong`, so a user fixes a file in one pass.
 */
export async function loadDataset(datasetPath: string): Promise<Dataset> {
  const extension = path.extname(datasetPath).toLowerCase();
  const parse = parsers[extension];
  if (parse === undefined) {
    throw new DatasetError([`${datasetPath}:1: (file): unsupported format "${extension}" (use .jsonl, .csv, .yaml or .yml)`]);
  }
  const bytes = await readDatasetFile(datasetPath);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const datasetDir = path.resolve(path.dirname(datasetPath));

  const source = parse(bytes);
  const problems = [...source.problems];
  const defaults = validateDefaults(source.defaults, problems);
  const cases: Case[] = [];
  const firstLineOfId = new Map<string, number>();
  for (const record of source.records) {
    const { testCase, problems: caseProblems } = buildCase(record, defaults);
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
    if (testCase === undefined) continue;
    checkCustomModules(testCase, datasetDir, record.lineOf, problems);
    cases.push({ ...testCase, datasetDir });
  }
  if (problems.length === 0 && cases.length === 0) {
    problems.push({ line: 1, field: '(file)', message: 'no cases (the dataset is empty)' });
  }
  if (problems.length > 0) {
    problems.sort((left, right) => left.line - right.line);
    throw new DatasetError(problems.map((problem) => `${datasetPath}:${problem.line}: ${problem.field}: ${problem.message}`));
  }
  return { path: datasetPath, hash, cases };
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
