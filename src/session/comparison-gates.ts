import { InputError } from '../config/errors.ts';
import { flagNames, type SettingNames } from '../config/settings/setting-names.ts';
import { parseGate, type Gate } from '../stats/gates/index.ts';

/**
 * The gates of a comparison: each `--gate` expression, and `--max-drop N` as `pass_rate drop <= N`.
 * Every problem at once, as an InputError naming where the gate was given.
 */
export function comparisonGates(settings: { gates?: readonly string[] | undefined; maxDrop?: number | undefined }, names: SettingNames = flagNames): Gate[] {
  const gates: Gate[] = [];
  const problems: string[] = [];
  for (const text of settings.gates ?? []) {
    const parsed = parseGate(text);
    if ('gate' in parsed) gates.push(parsed.gate);
    else problems.push(`${names.name('gates')} ${JSON.stringify(text)}: ${parsed.problem}`);
  }
  if (settings.maxDrop !== undefined) {
    const parsed = parseGate(`pass_rate drop <= ${settings.maxDrop}`);
    if ('gate' in parsed) gates.push(parsed.gate);
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return gates;
}
