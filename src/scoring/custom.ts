import { z } from 'zod';
import { importCustomScorer } from '../datasets/import-custom-scorer.ts';
import { resolveDatasetFile } from '../datasets/resolve-dataset-file.ts';
import type { AssertionOf } from '../config/assertion-schema.ts';
import type { Score, ScoringInput } from './score.ts';
import type { ScorerContext, ScorerFactory } from './scorer.ts';

/** What a custom module exports as default. */
export type CustomScorer = (input: ScoringInput, assertion: AssertionOf<'custom'>, context: ScorerContext) => Score | Promise<Score>;

const scoreSchema = z.object({ score: z.number().min(0).max(1), passed: z.boolean(), reason: z.string() });

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
  const result = await scorer(input, assertion, context);
  const checked = scoreSchema.safeParse(result);
  if (!checked.success) {
    return { score: 0, passed: false, reason: `custom scorer ${assertion.module} returned ${JSON.stringify(result)}, not {score 0..1, passed, reason}` };
  }
  return checked.data;
};
