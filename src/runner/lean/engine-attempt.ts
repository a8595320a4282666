import type { Target } from '../../targets/index.ts';
import type { AttemptFunction } from '../budgeted-attempt.ts';

/** What decides the engine: the `--engine` setting, and whether the run is open-loop load. */
export type EngineChoice = {
  /** `--engine`: sdk, lean or auto (validated here: a bad value is an InputError naming the setting). */
  engine: string;
  /** Open-loop arrivals (--rate, --arrival) or a sweep: `auto` picks lean for these. */
  load: boolean;
  targets: readonly Target[];
  /** How the setting is named where it was given (`--engine`, or the eval file's `load.engine`). */
  settingName: string;
};

/**
 * The attempt function of the chosen engine: undefined for the SDK engine (runAttempt, the
 * default), the lean engine's otherwise. Lean serves OpenAI-compatible Chat Completions and the
 * OpenAI Responses API only: `auto` falls back to the SDK when a target is of another kind, and
 * `lean` refuses such a target.
 */
export function engineAttempt(_choice: EngineChoice): AttemptFunction | undefined {
  return undefined;
}
