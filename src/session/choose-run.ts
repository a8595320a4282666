import { makeChoice, type Choice } from '../stats/make-choice.ts';
import { loadComparedRun } from './load-compared-run.ts';

/**
 * `choose`'s core: reads the run folder (read only), then weighs its options in one pure call.
 * A folder that holds no run is an InputError naming it.
 */
export async function chooseRun(folder: string): Promise<Choice> {
  const run = await loadComparedRun(folder);
  return makeChoice(run);
}
