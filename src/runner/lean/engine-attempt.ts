import { InputError } from '../../config/errors.ts';
import type { ProviderKind, Target } from '../../targets/index.ts';
import type { AttemptFunction } from '../budgeted-attempt.ts';
import { createLeanAttempt } from './lean-attempt.ts';
import { createLeanPool, type LeanPool } from './lean-pool.ts';

/** What decides the engine: the `--engine` setting, and whether the run is open-loop load. */
export type EngineChoice = {
  /** `--engine`: sdk, lean or auto (validated here: a bad value is an InputError naming the setting). */
  engine: string;
  /** Open-loop arrivals (--rate, --arrival) or a sweep: `auto` picks lean for these. */
  load: boolean;
  targets: readonly Target[];
  /** How the setting is named where it was given (`--engine`, or the eval file's `load.engine`). */
  settingName: string;
  /** Some case is a pipeline or a live conversation: each of its steps is built from earlier answers while the run goes, which lean cannot prepare ahead. */
  multiCall?: boolean;
};

export const engineNames = ['sdk', 'lean', 'auto'] as const;

/**
 * Why the lean engine cannot serve a kind of target, or undefined when it can. It speaks the two
 * OpenAI protocols: Chat Completions (`openai-compatible:`) and the Responses API (`openai:` and
 * `azure:`, whose SDK packages post to `/responses`).
 */
const refusals: Record<ProviderKind, string | undefined> = {
  'openai-compatible': undefined,
  openai: undefined,
  azure: undefined,
  anthropic: 'Anthropic Messages is not a protocol the lean engine speaks',
  gateway: 'the AI Gateway streams the AI SDK\'s own parts, and reports routing and cost the lean engine does not read',
};

/** The engine a run uses, and why (for run.json and a notice): `auto` says what it chose. */
export type ChosenEngine = { engine: 'sdk' | 'lean'; reason: string };

/**
 * The engine a choice gives. Lean serves OpenAI-compatible Chat Completions and the OpenAI
 * Responses API only: `auto` falls back to the SDK when a target is of another kind, and `lean`
 * refuses such a target (an InputError naming the setting, as for a value that is no engine).
 */
export function chooseEngine(choice: EngineChoice): ChosenEngine {
  const { engine, settingName } = choice;
  if (!(engineNames as readonly string[]).includes(engine)) {
    throw new InputError(`Expected ${settingName} to be one of ${engineNames.join(', ')}, got ${JSON.stringify(String(engine).slice(0, 100))}`);
  }
  if (engine === 'sdk') return { engine: 'sdk', reason: `${settingName} sdk` };
  if (choice.multiCall) {
    if (engine === 'auto') return { engine: 'sdk', reason: `${settingName} auto: multi-call cases (pipelines or conversations) run on the SDK engine` };
    throw new InputError(
      `${settingName} lean does not run multi-call cases (pipelines and conversations): each step is built from earlier answers while the run goes, ` +
        `and lean prepares every request before the clock starts. Use ${settingName} sdk (or auto).`,
    );
  }
  const refused = choice.targets.flatMap((target) => {
    const reason = refusals[target.spec.kind];
    return reason === undefined ? [] : [`target "${target.label}" (${target.spec.kind}): ${reason}`];
  });
  if (engine === 'auto') {
    if (!choice.load) return { engine: 'sdk', reason: `${settingName} auto: an eval, not open-loop load` };
    if (refused.length > 0) return { engine: 'sdk', reason: `${settingName} auto: open-loop load, but ${refused[0]}${refused.length > 1 ? ` (and ${refused.length - 1} more)` : ''}` };
    return { engine: 'lean', reason: `${settingName} auto: open-loop load, every target served by lean` };
  }
  if (refused.length > 0) {
    throw new InputError(
      `${settingName} lean serves openai-compatible: (Chat Completions), openai: and azure: (Responses API) targets only:\n` +
        `${refused.join('\n')}\nUse ${settingName} sdk (or auto) for these targets.`,
    );
  }
  return { engine: 'lean', reason: `${settingName} lean` };
}

/** The attempt function of the chosen engine: undefined for the SDK engine (runAttempt, the default), the lean engine's otherwise. */
export function engineAttempt(choice: EngineChoice): AttemptFunction | undefined {
  return chooseEngine(choice).engine === 'lean' ? leanEngineAttempt() : undefined;
}

let pool: LeanPool | undefined;
let attempt: AttemptFunction | undefined;

/** The lean engine's attempt function: one pool for the process, whose workers start with the first request and idle unref'd. */
export function leanEngineAttempt(): AttemptFunction {
  pool ??= createLeanPool();
  attempt ??= createLeanAttempt(pool);
  return attempt;
}

/** Starts the lean engine's workers and waits until each listens: a run does so before its clock starts. */
export async function startLeanEngine(): Promise<void> {
  leanEngineAttempt();
  await pool?.ready();
}

/** Ends the lean engine's workers (they idle unref'd, so a process need not call it to exit). */
export async function closeLeanEngine(): Promise<void> {
  const running = pool;
  pool = undefined;
  attempt = undefined;
  await running?.close();
}
