// The package's entry for programs: `import { run, loadConfig, defineConfig } from 'llm-bench'`.
// Plain JavaScript, because Node strips no types under node_modules: the hook that strips the
// package's own is registered first, then the API is imported (dynamically, so that the hook is
// in place before any .ts file loads). Needs Node >= 22.18.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  throw new Error(`llm-bench's API needs Node.js 22.18 or newer (it runs its TypeScript sources); this is Node ${process.versions.node}. The CLI, \`npx llm-bench\`, runs on any Node.`);
}
await import('./bin/strip-package-types.js');

const api = await import('./src/index.ts');

export const { run, loadConfig, defineConfig, compare, choose, InputError, DatasetError, TargetError, ConfigError } = api;
