// The package's entry for programs: `import { run, loadConfig, defineConfig } from 'llm-bench'`.
// Plain JavaScript, because Node strips no types under node_modules: the hook that strips the
// package's own is registered first, then the API is imported (dynamically, so that the hook is
// in place before any .ts file loads). Needs Node >= 22.18.
import './bin/strip-package-types.js';

const api = await import('./src/index.ts');

export const { run, loadConfig, defineConfig } = api;
