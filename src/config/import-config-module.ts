import { pathToFileURL } from 'node:url';
import { InputError } from './errors.ts';

/**
 * What a TypeScript or JavaScript config (`llm-bench.config.ts`) exports by default: an object, or
 * a function that returns one or a promise of one. Node 24 strips the types itself. A module that
 * fails to load, or a function that throws, is the user's error, kept as `cause`.
 */
export async function importConfigModule(file: string, shown: string): Promise<unknown> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(`${shown}: cannot load it: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!('default' in module)) throw new InputError(`${shown}: no default export; write \`export default defineConfig({ … })\``);
  const exported = module.default;
  try {
    return await (typeof exported === 'function' ? (exported as () => unknown)() : exported);
  } catch (error) {
    throw new InputError(`${shown}: its default export failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
