// Loaded with `--import` by the launcher (llm-bench.js) when the package is installed: Node will
// not strip types in files under node_modules, so this hook strips them from the package's own
// .ts files. `--import` runs again in every worker thread, so the workers get the hook too.
import { registerHooks, stripTypeScriptTypes } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageRoot = new URL('../', import.meta.url).href;

// stripTypeScriptTypes warns once per thread that it is experimental; the warning says nothing
// to a user of llm-bench, so it is used up here, with warnings muted for that one call.
const emitWarning = process.emitWarning;
process.emitWarning = () => {};
try {
  stripTypeScriptTypes('');
} finally {
  process.emitWarning = emitWarning;
}

// Workers started by the package ask for this hook by this key when it was registered in-thread
// (a program that imported llm-bench as a library, see index.js).
globalThis[Symbol.for('llm-bench.strip-types-hook')] = import.meta.url;

registerHooks({
  load(url, context, nextLoad) {
    if (!url.startsWith(packageRoot) || !url.endsWith('.ts')) return nextLoad(url, context);
    const source = readFileSync(fileURLToPath(url), 'utf8');
    return { format: 'module', source: stripTypeScriptTypes(source, { mode: 'strip', sourceUrl: url }), shortCircuit: true };
  },
});
