/**
 * Writes the package's type declarations into types/ (run by `npm pack` through `prepack`): a
 * program that imports llm-bench type-checks against these, with its own compiler settings,
 * instead of compiling llm-bench's sources. The sources import `./x.ts`; a declaration imports
 * `./x.js`, which a compiler resolves to `./x.d.ts` beside it.
 *   node scripts/write-types.ts
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = fileURLToPath(new URL('../types/', import.meta.url));
await rm(folder, { recursive: true, force: true });
const compiled = spawnSync('tsc', ['-p', 'tsconfig.types.json'], { cwd: root, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
const files = (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.d.ts'));
for (const name of files) {
  const file = `${folder}${name}`;
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1$2.js$3'));
}
// On stderr: `npm pack --json` prints its JSON on stdout.
console.error(`wrote ${files.length} declaration files in ${folder}`);
