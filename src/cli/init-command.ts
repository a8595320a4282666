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
 */
export const initCommand: CommandModule<object, InitArguments> = {
  command: 'init',
  describe: 'Write a starter eval (llm-bench.yaml and a dataset) that runs with no API key',
  builder: (yargs) =>
    yargs.option('force', { type: 'boolean', default: false, describe: 'Overwrite files that exist' }).example('$0 init && $0 run', 'Write the starter eval and run it'),
  handler: async ({ force }) => {
    const cwd = process.cwd();
    const files = await starterFiles();
    const existing = [];
    for (const { file } of files) if (await exists(path.join(cwd, file))) existing.push(file);
    if (existing.length > 0 && !force) throw new InputError(`not overwriting ${existing.join(', ')} (give --force to replace ${existing.length === 1 ? 'it' : 'them'}); nothing written`);
    for (const { file, content } of files) {
      const target = path.join(cwd, file);
      await mkdir(path.dirname(target), { recursive: true });
      // Without --force, `wx` refuses a file that appeared since the check.
      await writeFile(target, await content(), { flag: force ? 'w' : 'wx' });
      console.log(`wrote ${file}`);
    }
    console.log('\nNext: npx llm-bench run');
  },
};
