import { access } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Reporter } from './reporter.ts';

/** A module that gave no reporter: the problem is in its name (it does not load) or in its options. */
export type ModuleProblem = { in: 'name' | 'options'; message: string; cause?: unknown };

/** As vitest tells them apart: a path starts with `.` or `/`, or ends in a script's extension. */
export function isModulePath(name: string): boolean {
  return name.startsWith('.') || isAbsolute(name) || /\.(?:ts|mts|js|mjs|cjs)$/.test(name);
}

/**
 * A user's reporter module (relative to `baseDir`). Its default export is a factory
 * `(options) => Reporter` (or a promise of one), or a Reporter itself, which takes no options.
 */
export async function loadReporterModule(name: string, options: Record<string, unknown> | undefined, baseDir: string): Promise<{ reporter: Reporter } | ModuleProblem> {
  const cannotLoad = (message: string, cause?: unknown): ModuleProblem => ({ in: 'name', message: `cannot load ${name}: ${message}`, ...(cause === undefined ? {} : { cause }) });
  const path = resolve(baseDir, name);
  // Said plainly: Node's own message names this file as the importer, which misleads.
  try {
    await access(path);
  } catch (error) {
    return cannotLoad(`no such file ${path}`, error);
  }
  let exported: unknown;
  try {
    exported = ((await import(pathToFileURL(path).href)) as { default?: unknown }).default;
  } catch (error) {
    return cannotLoad(messageOf(error), error);
  }
  if (typeof exported === 'function') {
    let made: unknown;
    try {
      made = await (exported as (options: Record<string, unknown>) => unknown)(options ?? {});
    } catch (error) {
      return cannotLoad(`its factory threw: ${messageOf(error)}`, error);
    }
    return isReporter(made) ? { reporter: made } : cannotLoad('its factory returned no reporter (an object with onEvent or render)');
  }
  if (!isReporter(exported)) return cannotLoad('its default export is neither a reporter (an object with onEvent or render) nor a function returning one');
  if (options !== undefined && Object.keys(options).length > 0) {
    return { in: 'options', message: `${name} takes no options: its default export is a reporter; export a function (options) => reporter` };
  }
  return { reporter: exported };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isReporter(value: unknown): value is Reporter {
  if (value === null || typeof value !== 'object') return false;
  const { onEvent, render } = value as Record<string, unknown>;
  const hook = (member: unknown) => member === undefined || typeof member === 'function';
  return hook(onEvent) && hook(render) && (onEvent !== undefined || render !== undefined);
}
