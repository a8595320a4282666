import { runSettings, type RunSettingName } from './run-settings.ts';
import type { SettingDeclaration } from './setting.ts';
import { formatPath } from '../format-issues.ts';

/**
 * How messages name a setting, by where it was given: a flag as `--max-cost`; the eval file's
 * as `budget.maxCost`, its place (`llm-bench.yaml:12: budget.maxCost`) leading a message about
 * it; an API definition's as `budget.maxCost`.
 */
export type SettingNames = {
  /** The setting as its source spells it: `--max-cost`, `budget.maxCost`. */
  name(setting: RunSettingName): string;
  /** The same, with the file and line first when it came from the eval file. */
  place(setting: RunSettingName): string;
  /**
   * Where a part of a setting's value was written: `llm-bench.yaml:9: targets[1]`,
   * `reporters[0][1].filename` from the API; undefined for a flag, whose message names its value.
   */
  at(setting: RunSettingName, within: readonly PropertyKey[]): string | undefined;
};

const key = (setting: RunSettingName) => runSettings[setting].path.join('.');
const flag = (setting: RunSettingName) => {
  const declaration: SettingDeclaration = runSettings[setting];
  return declaration.flag ? `--${declaration.flag}` : key(setting);
};

/** Every setting named as a flag (flags alone, a resume). */
export const flagNames: SettingNames = { name: flag, place: flag, at: () => undefined };

/** Every setting named by its key (a definition given to the API). */
export const keyNames: SettingNames = { name: key, place: key, at: (setting, within) => formatPath([...runSettings[setting].path, ...within]) };

/**
 * With an eval file: a setting a flag gave is named as the flag; any other by its key (the file is
 * where it is, or would be, written), with its line when the file has it.
 */
export function fileNames(file: string, lineOf: (path: readonly string[]) => number | undefined, fromFile: ReadonlySet<RunSettingName>, fromFlags: ReadonlySet<RunSettingName> = new Set()): SettingNames {
  const name = (setting: RunSettingName) => (fromFlags.has(setting) ? flag(setting) : key(setting));
  return {
    name,
    place: (setting) => {
      if (!fromFile.has(setting)) return name(setting);
      const line = lineOf(runSettings[setting].path);
      return `${file}${line === undefined ? '' : `:${line}`}: ${key(setting)}`;
    },
    at: (setting, within) => {
      if (!fromFile.has(setting)) return undefined;
      const path = [...runSettings[setting].path, ...within];
      const line = lineOf(path.map(String)) ?? lineOf(runSettings[setting].path);
      return `${file}${line === undefined ? '' : `:${line}`}: ${formatPath(path)}`;
    },
  };
}
