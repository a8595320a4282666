import { InputError } from '../config/errors.ts';
import { flagNames, type SettingNames } from '../config/settings/setting-names.ts';
import type { Gate } from '../stats/gates/index.ts';
import { gatesOfSettings } from './run-gates.ts';

/**
 * The gates of a comparison, as `run` reads them: each `--gate` expression, and `--max-drop N` as
 * `pass_rate drop <= N`, against the comparison's base run. Every problem at once, as an
 * InputError naming where the gate was given.
 */
export function comparisonGates(settings: { gates?: string[] | undefined; maxDrop?: number | undefined }, names: SettingNames = flagNames): Gate[] {
  // The base run is the comparison's own: a drop or ratio gate has what it compares with.
  const { gates, problems } = gatesOfSettings({ gates: settings.gates, maxDrop: settings.maxDrop, baselineRun: 'BASE', minPassRate: undefined }, names);
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return gates;
}
