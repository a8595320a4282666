import { glob, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from './errors.ts';

const globCharacters = /[*?[{]/;
const datasetExtensions = /\.(jsonl|csv|ya?ml)$/i;

function isAnswerBook(file: string): boolean {
  return /\.answers\.jsonl$/i.test(file) || file.split(/[\\/]/).includes('answer-books');
}

async function isRegularFile(file: string): Promise<boolean> {
  return stat(file).then(
    (stats) => stats.isFile(),
    () => false,
  );
}

/**
 * Dataset paths and globs (`datasets/*.jsonl`, `qa/**\/*.{jsonl,csv}`) as the files they name.
 * A plain path is kept as it is: whether it exists is the dataset loader's to say, in its own
 * words. A glob gives the regular files it matches with a dataset's extension, sorted, in the
 * pattern's form (relative to `baseDir` when the pattern is relative); one that matches none is
 * refused by name. A file matched twice is listed once, where it first appears.
 */
export async function expandDatasetPaths(patterns: readonly string[], baseDir: string): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    // The part under baseDir is the glob: a folder above it may hold `[` or `{` in its name.
    const relative = path.relative(baseDir, path.resolve(baseDir, pattern));
    const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    const searched = path.isAbsolute(pattern) && inside ? relative : pattern;
    if (!globCharacters.test(searched)) {
      files.push(pattern);
      continue;
    }
    const matched: string[] = [];
    for await (const match of glob(searched, { cwd: baseDir })) {
      const absolute = path.resolve(baseDir, match);
      // An answer book sits beside its dataset; it is the simulator's, not a dataset.
      if (isAnswerBook(match)) continue;
      if (datasetExtensions.test(match) && (await isRegularFile(absolute))) matched.push(path.isAbsolute(pattern) ? absolute : match);
    }
    if (matched.length === 0) throw new InputError(`no dataset file (.jsonl, .csv, .yaml or .yml) matches ${pattern}`);
    files.push(...matched.sort());
  }
  return [...new Set(files)];
}
