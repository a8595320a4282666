import { InputError } from '../config/errors.ts';
import { flagNames, type SettingNames } from '../config/settings/setting-names.ts';
import type { Gate } from '../stats/gates/index.ts';
import { describeBound, withinBound } from '../config/limits.ts';
import { runSettings } from '../config/settings/run-settings.ts';
import { gatesOfSettings } from './run-gates.ts';

/** What a comparison's gates are made of; numbers are checked against their settings' bounds (the API's are not checked by flags). */
export type ComparisonSettings = { gates?: string[] | undefined; maxDrop?: number | undefined; alpha?: number | undefined; powerMargin?: number | undefined };

/**
 * The gates of a comparison, as `run` reads them: each `--gate` expression, and `--max-drop N` as
 * `pass_rate drop <= N`, against the comparison's base run. Every problem at once, as an
 * InputError naming where the gate was given.
 */
export function comparisonGates(settings: ComparisonSettings, names: SettingNames = flagNames): Gate[] {
  const bounded = (['maxDrop', 'alpha', 'powerMargin'] as const).flatMap((name) => {
    const value = settings[name];
    const bound = runSettings[name].bound!;
    return value === undefined || withinBound(bound, value) ? [] : [`${names.place(name)}${names.place(name).startsWith('--') ? '' : ':'} expected ${describeBound(bound)}, got ${typeof value === "number" ? String(value) : JSON.stringify(value)}`];
  });
  if (bounded.length > 0) throw new InputError(bounded.join('\n'));
  // The base run is the comparison's own: a drop or ratio gate has what it compares with.
  const { gates, problems } = gatesOfSettings({ gates: settings.gates, maxDrop: settings.maxDrop, baselineRun: 'BASE', minPassRate: undefined }, names);
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return gates;
}
