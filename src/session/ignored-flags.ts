import type { EvalSettings, GivenSettings } from '../config/settings/eval-settings.ts';
import type { Case } from '../datasets/index.ts';
import { needsDefaultJudge } from './create-judge.ts';

/**
 * Settings given where they do nothing, each named in one line before anything is sent: a setting
 * that is silently ignored reads as one that took effect. These depend on the settings alone.
 */
export function ignoredFlags(given: GivenSettings, settings: EvalSettings, command: { resume?: string | undefined; force?: boolean | undefined } = {}): string[] {
  const notes: string[] = [];
  if (command.force === true && command.resume === undefined) notes.push('--force is ignored: it only applies with --resume.');
  if (given.cacheDir !== undefined && given.cache === false) notes.push(`--cache-dir ${given.cacheDir} is ignored: --no-cache turns the cache off.`);
  if (settings.targetConcurrency !== undefined && settings.targetConcurrency >= settings.concurrency) {
    notes.push(`--target-concurrency ${settings.targetConcurrency} has no effect: --concurrency ${settings.concurrency} already allows no more.`);
  }
  if ((given.stallTimeoutMs !== undefined || given.timeoutMs !== undefined) && settings.stallTimeoutMs >= settings.timeoutMs) {
    notes.push(`--stall-timeout-ms ${settings.stallTimeoutMs} has no effect: --timeout-ms ${settings.timeoutMs} ends a request first.`);
  }
  return notes;
}

/** The same, for settings that only the run's dataset, targets and repeats can show to be idle. */
export function ignoredInRun(settings: EvalSettings, run: { repeats: number; targetCount: number; promptCount: number; cases: readonly Case[] }): string[] {
  const notes: string[] = [];
  if (settings.cache && run.repeats > 1) {
    notes.push(`--cache is ignored with --repeats ${run.repeats}: every repeat is sent, since repeats are there to be measured.`);
  }
  if (settings.judge !== undefined && !needsDefaultJudge(run.cases)) notes.push(`--judge ${settings.judge} is not used: no llm-judge assertion of the dataset lacks a judge of its own.`);
  if (settings.baseline !== undefined && run.targetCount === 1 && run.promptCount === 1) {
    notes.push(`--baseline ${settings.baseline} has nothing to compare: the run has one target and one prompt.`);
  }
  return notes;
}
