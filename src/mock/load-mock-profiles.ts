import { dirname, resolve } from 'node:path';
import { resolveDatasetFile } from '../config/resolve-dataset-file.ts';
import { LineCounter, parseDocument } from 'yaml';
import { DatasetError } from '../config/errors.ts';
import { formatPath } from '../config/format-issues.ts';
import { readInputText } from '../config/read-input-text.ts';
import { yamlLine } from '../config/yaml-line.ts';
import { yamlToJS } from '../config/yaml-to-js.ts';
import { mockProfilesSchema, type MockProfiles } from '../config/mock-profile-schema.ts';
import { formatIssue } from './format-issue.ts';

/** Hundreds of models fit in far less; a larger file is not a profile file. */
export const maxMockProfilesBytes = 16 * 2 ** 20;

/**
 * Reads a profile file (YAML, or JSON, which YAML also reads) and validates it. Problems are
 * `file:line: field: message`; answer-book paths are resolved against the file's folder.
 */
export async function loadMockProfiles(path: string): Promise<MockProfiles> {
  const source = await readInputText({ path, what: 'mock profiles file', maxBytes: maxMockProfilesBytes });
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, logLevel: 'error' });
  if (document.errors.length > 0) {
    throw new DatasetError(
      // Without pretty errors the message is one line and `linePos` is unset: the counter finds the line.
      document.errors.map((error) => `${path}:${lineCounter.linePos(error.pos[0]).line}: ${error.message.split('\n')[0]}`),
    );
  }
  const converted = yamlToJS(document, lineCounter);
  if ('message' in converted) throw new DatasetError([`${path}:${converted.line}: ${formatPath(converted.path as PropertyKey[]).replace('(case)', '(file)')}: ${converted.message}`]);
  const parsed = mockProfilesSchema.safeParse(converted.value);
  if (!parsed.success) {
    throw new DatasetError(
      parsed.error.issues.map((issue) => {
        const line = yamlLine(document, lineCounter, issue.path);
        return `${path}${line === undefined ? '' : `:${line}`}: ${formatIssue(issue)}`;
      }),
    );
  }
  // A profile file from someone else must not make the simulator read (and quote in its errors)
  // files outside its folder: the same confinement as a dataset's files.
  const folder = dirname(resolve(path));
  const problems: string[] = [];
  for (const [index, model] of parsed.data.models.entries()) {
    if (model.answer.policy !== 'book') continue;
    const resolved = resolveDatasetFile(folder, model.answer.path, 'profile file');
    if ('path' in resolved) model.answer.path = resolved.path;
    else problems.push(`${path}:${yamlLine(document, lineCounter, ['models', index, 'answer', 'path']) ?? 1}: models[${index}].answer.path: ${resolved.problem}`);
  }
  if (problems.length > 0) throw new DatasetError(problems);
  return parsed.data;
}

