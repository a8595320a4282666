import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandModule } from 'yargs';
import { InputError } from '../config/errors.ts';
import { starterEval } from './starter-eval.ts';

type InitArguments = { force: boolean };

const shipped = (file: string) => fileURLToPath(new URL(`../../datasets/${file}`, import.meta.url));

/** What init writes, relative to the working folder, and where its content comes from. */
async function starterFiles(): Promise<Array<{ file: string; content: () => Promise<string> }>> {
  const files = [
    { file: 'llm-bench.yaml', content: async () => starterEval },
    { file: 'datasets/smoke.jsonl', content: () => readFile(shipped('smoke.jsonl'), 'utf8') },
  ];
  // The simulator answers from a dataset's answer book when it has one: copied along if shipped.
  const book = 'answer-books/smoke.answers.jsonl';
  if (await exists(shipped(book))) files.push({ file: `datasets/${book}`, content: () => readFile(shipped(book), 'utf8') });
  return files;
}

/** Files that exist in `folder`, in order. */
async function existingFiles(folder: string, files: readonly string[]): Promise<string[]> {
  const found = [];
  for (const file of files) if (await exists(path.join(folder, file))) found.push(file);
  return found;
}

function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * `llm-bench init [--force]`: a starter eval in the working folder (llm-bench.yaml and the smoke
 * dataset beside it) that `llm-bench run` runs against the simulator with no key. A file that
 * exists is never overwritten without --force: nothing is written then, and every such file named.
 * Another eval file (llm-bench.json, llm-bench.config.ts…) is refused the same way: `run` would
 * read the new llm-bench.yaml first and silently ignore it.
 */
export const initCommand: CommandModule<object, InitArguments> = {
  command: 'init',
  describe: 'Write a starter eval (llm-bench.yaml and a dataset) that runs with no API key',
  builder: (yargs) =>
    yargs.option('force', { type: 'boolean', default: false, describe: 'Overwrite files that exist' }).example('$0 init && $0 run', 'Write the starter eval and run it'),
  handler: async ({ force }) => {
    const cwd = process.cwd();
    const files = await starterFiles();
    const existing = await existingFiles(cwd, files.map(({ file }) => file));
    const { configFileNames } = await import('../config/load-config.ts');
    const shadowed = await existingFiles(cwd, configFileNames.filter((name) => name !== 'llm-bench.yaml'));
    if (!force && (existing.length > 0 || shadowed.length > 0)) throw new InputError(refusal(existing, shadowed));
    for (const { file, content } of files) {
      const target = path.join(cwd, file);
      await mkdir(path.dirname(target), { recursive: true });
      // Without --force, `wx` refuses a file that appeared since the check.
      await writeFile(target, await content(), { flag: force ? 'w' : 'wx' });
      console.log(`wrote ${file}`);
    }
    for (const file of shadowed) console.error(`warning: ${file} is still here; run now reads llm-bench.yaml instead (give --config ${file} to run it)`);
    console.log('\nNext: npx llm-bench run');
  },
};

function refusal(existing: readonly string[], shadowed: readonly string[]): string {
  const reasons = [];
  if (existing.length > 0) reasons.push(`not overwriting ${existing.join(', ')} (give --force to replace ${existing.length === 1 ? 'it' : 'them'})`);
  if (shadowed.length > 0) {
    const names = shadowed.join(', ');
    const one = shadowed.length === 1;
    reasons.push(`${names} ${one ? 'is an eval file' : 'are eval files'} already; run would read a new llm-bench.yaml instead of ${one ? 'it' : 'them'} (give --force to write it anyway)`);
  }
  return `${reasons.join('; ')}; nothing written`;
}
