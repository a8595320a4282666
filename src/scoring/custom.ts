import { z } from 'zod';
import { importCustomScorer } from '../datasets/import-custom-scorer.ts';
import { resolveDatasetFile } from '../config/resolve-dataset-file.ts';
import type { AssertionOf } from '../config/assertion-schema.ts';
import type { Score, ScoringInput } from '../records/score.ts';
import type { ScorerContext, ScorerFactory } from './scorer.ts';

/** What a custom module exports as default. */
export type CustomScorer = (input: ScoringInput, assertion: AssertionOf<'custom'>, context: ScorerContext) => Score | Promise<Score>;

const scoreSchema = z.object({ score: z.number().min(0).max(1), passed: z.boolean(), reason: z.string() });

/** A scorer still working after this long is stuck: its answer is failed, and the run goes on. */
export const customScorerTimeoutMs = 60_000;

/** Longer reasons are cut: a reason is read in a report, not stored as a second answer. */
const maxReasonCharacters = 10_000;

function asError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  let text: string;
  try {
    text = String(thrown);
  } catch {
    text = typeof thrown;
  }
  return new Error(`threw ${text}`);
}

/** The scorer's verdict; a throw of anything (`throw null` too) or no verdict in time is an Error. */
async function verdictOf(scorer: CustomScorer, module: string, ...args: Parameters<CustomScorer>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`custom scorer ${module} did not return within ${customScorerTimeoutMs / 1000} s`)), customScorerTimeoutMs);
  });
  try {
    return await Promise.race([(async () => scorer(...args))(), timeout]);
  } catch (error) {
    throw asError(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A scorer written by the dataset's author: the module's default export gets the answer and the
 * assertion (with its `value`) and returns a Score. The path is resolved inside the dataset's
 * folder, and checked again here, since cases can be built without loadDataset.
 */
export const custom: ScorerFactory<'custom'> = (assertion) => async (input, context) => {
  if (context.datasetDir === undefined) return { score: 0, passed: false, reason: 'no dataset folder to load the custom scorer from' };
  const resolved = resolveDatasetFile(context.datasetDir, assertion.module);
  if ('problem' in resolved) return { score: 0, passed: false, reason: `module: ${resolved.problem}` };
  // Loaded and checked when the dataset was: a module that cannot load is refused before a run.
  const scorer = (await importCustomScorer(resolved.path, assertion.module)) as CustomScorer;
  const result = await verdictOf(scorer, assertion.module, input, assertion, context);
  const checked = scoreSchema.safeParse(result);
  if (!checked.success) {
    const shown = (() => {
      try {
        return JSON.stringify(result)?.slice(0, 200);
      } catch {
        return typeof result;
      }
    })();
    return { score: 0, passed: false, reason: `custom scorer ${assertion.module} returned ${shown}, not {score 0..1, passed, reason}` };
  }
  const { reason } = checked.data;
  return reason.length > maxReasonCharacters ? { ...checked.data, reason: `${reason.slice(0, maxReasonCharacters)}…` } : checked.data;
};
