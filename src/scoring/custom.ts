import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { resolveDatasetFile } from '../datasets/resolve-dataset-file.ts';
import type { AssertionOf } from '../config/assertion-schema.ts';
import type { Score, ScoringInput } from './score.ts';
import type { ScorerContext, ScorerFactory } from './scorer.ts';

/** What a custom module exports as default. */
export type CustomScorer = (input: ScoringInput, assertion: AssertionOf<'custom'>, context: ScorerContext) => Score | Promise<Score>;

const scoreSchema = z.object({ score: z.number().min(0).max(1), passed: z.boolean(), reason: z.string() });

// One import per module file for the whole run, however many cases use it.
const modules = new Map<string, Promise<CustomScorer>>();

async function importScorer(file: string, modulePath: string): Promise<CustomScorer> {
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    throw new Error(`cannot load custom scorer ${modulePath}: ${(error as Error).message}`, { cause: error });
  }
  if (typeof loaded.default !== 'function') throw new Error(`custom scorer ${modulePath} has no default export function`);
  return loaded.default as CustomScorer;
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
  let scorer = modules.get(resolved.path);
  if (scorer === undefined) {
    scorer = importScorer(resolved.path, assertion.module);
    modules.set(resolved.path, scorer);
  }
  const result = await (await scorer)(input, assertion, context);
  const checked = scoreSchema.safeParse(result);
  if (!checked.success) {
    return { score: 0, passed: false, reason: `custom scorer ${assertion.module} returned ${JSON.stringify(result)}, not {score 0..1, passed, reason}` };
  }
  return checked.data;
};
