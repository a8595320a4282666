import { adjustForMultipleComparisons, compareCases, type CompareOptions } from '../stats/compare-cases.ts';
import { pairRuns } from '../stats/pair-runs.ts';
import type { ComparedSide, RunComparison } from '../stats/run-comparison.ts';
import { settingWarnings } from '../stats/setting-warnings.ts';
import { loadComparedRun, type ComparedRun, type LoadedRun } from './load-compared-run.ts';

export type CompareRunsOptions = CompareOptions & {
  /** Compare cases whose content changed between the runs instead of refusing. */
  allowChanged?: boolean;
};

/**
 * Two run folders, case by case: every (target, prompt) of the current run against the same one
 * in the base (or the only one against the only one). Throws an InputError for a folder that
 * holds no run, and ChangedCasesError when cases changed and `allowChanged` is not set.
 */
export async function compareRuns(baseFolder: string, currentFolder: string, options: CompareRunsOptions = {}): Promise<RunComparison> {
  const [base, current] = await Promise.all([loadComparedRun(baseFolder), loadComparedRun(currentFolder)]);
  return compareLoadedRuns(base, current, options);
}

/**
 * compareRuns on runs already read (the regression gate of `run` holds its own run's records).
 * Runs with their answer settings (loadComparedRun's) are also checked for settings that differ.
 */
export function compareLoadedRuns(base: LoadedRun, current: LoadedRun, options: CompareRunsOptions = {}): RunComparison {
  const alpha = options.alpha ?? 0.05;
  const paired = pairRuns(base, current, { allowChanged: options.allowChanged ?? false });
  const comparisons = adjustForMultipleComparisons(
    paired.pairs.map((pair) => compareCases({ target: pair.target, prompt: pair.prompt, baseTarget: pair.baseTarget, basePrompt: pair.basePrompt }, pair.cases, { ...options, alpha })),
    { alpha },
  );
  return {
    base: sideOf(base),
    current: sideOf(current),
    alpha,
    method: options.midP ? 'mid-p' : 'exact',
    comparisons,
    changedCases: paired.changedCases,
    uncheckedCases: paired.uncheckedCases,
    onlyInBase: paired.onlyInBase,
    onlyInCurrent: paired.onlyInCurrent,
    unpairedTargets: paired.unpairedTargets,
    unsentCases: paired.pairs.filter((pair) => pair.unsent.length > 0).map((pair) => ({ target: pair.target, prompt: pair.prompt, cases: pair.unsent })),
    warnings: [
      ...paired.warnings,
      ...settingWarnings(
        base.answerSettings,
        current.answerSettings,
        paired.pairs.map((pair) => ({ base: { target: pair.baseTarget, prompt: pair.basePrompt }, current: { target: pair.target, prompt: pair.prompt } })),
      ),
    ],
  };
}

function sideOf(run: ComparedRun): ComparedSide {
  return { folder: run.folder, runId: run.runId, ...(run.startedAt !== undefined ? { startedAt: run.startedAt } : {}), incomplete: run.incomplete, simulatedTargets: run.simulatedTargets };
}
