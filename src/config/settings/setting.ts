import type { NumberBound } from '../limits.ts';

/**
 * How a resumed run (`run --resume FOLDER`) treats a setting:
 * - `identity`: part of what the run measures (its datasets, targets, repeats…). Taken from the
 *   run folder; given again with another value, the resume is refused unless `--force`.
 * - `kept`: belongs to the run (a budget, timeouts). Taken from the run folder unless given again.
 * - `fresh`: belongs to the command (where to write, whether to force). Never taken over.
 */
export type ResumeRule = 'identity' | 'kept' | 'fresh';

type Common = {
  /** Where it sits in the eval file: `['run', 'concurrency']`, `['judge']`. */
  path: readonly [string] | readonly [string, string];
  /** The flag, kebab-case, without `--`; absent for a setting only the file can give. */
  flag?: string;
  alias?: string;
  /** One line, for `--help`, the README table and the JSON Schema. */
  describe: string;
  resume: ResumeRule;
  /** Shown as the default where it is not the value itself (a path that depends on the install). */
  defaultDescription?: string;
};

/**
 * One setting of an eval, declared once: the config file's schema, the flags, the types, the
 * defaults, what a resume keeps and README's flag table are all derived from these.
 */
export type SettingDeclaration = Common &
  (
    | { kind: 'number'; bound: NumberBound; default?: number }
    | { kind: 'text'; default?: string }
    | { kind: 'texts'; default?: readonly string[] }
    | { kind: 'boolean'; default?: boolean }
  );

/** Keeps each declaration's literal type, so the derived types know which settings have defaults. */
export function declareSettings<const T extends Record<string, SettingDeclaration>>(settings: T): T {
  return settings;
}
