import type { Case } from '../datasets/index.ts';
import { needsDefaultJudge } from './create-judge.ts';
import type { ParsedRunFlags, RunOptions } from './run-options.ts';

/**
 * Flags given where they do nothing, each named in one line before anything is sent: a flag that
 * is silently ignored reads as a setting that took effect. These depend on the flags alone.
 */
export function ignoredFlags(given: ParsedRunFlags, options: RunOptions): string[] {
  const notes: string[] = [];
  if (given.force === true && options.resume === undefined) notes.push('--force is ignored: it only applies with --resume.');
  if (given.cacheDir !== undefined && given.cache === false) notes.push(`--cache-dir ${given.cacheDir} is ignored: --no-cache turns the cache off.`);
  if (options.targetConcurrency !== undefined && options.targetConcurrency >= options.concurrency) {
    notes.push(`--target-concurrency ${options.targetConcurrency} has no effect: --concurrency ${options.concurrency} already allows no more.`);
  }
  if ((given.stallTimeoutMs !== undefined || given.timeoutMs !== undefined) && options.stallTimeoutMs >= options.timeoutMs) {
    notes.push(`--stall-timeout-ms ${options.stallTimeoutMs} has no effect: --timeout-ms ${options.timeoutMs} ends a request first.`);
  }
  return notes;
}

/** The same, for flags that only the run's dataset, targets and repeats can show to be idle. */
export function ignoredInRun(options: RunOptions, run: { repeats: number; targetCount: number; promptCount: number; cases: readonly Case[] }): string[] {
  const notes: string[] = [];
  if (options.cacheDir !== undefined && run.repeats > 1) {
    notes.push(`--cache is ignored with --repeats ${run.repeats}: every repeat is sent, since repeats are there to be measured.`);
  }
  if (options.judge !== undefined && !needsDefaultJudge(run.cases)) notes.push(`--judge ${options.judge} is not used: no llm-judge assertion of the dataset lacks a judge of its own.`);
  if (options.baseline !== undefined && run.targetCount === 1 && run.promptCount === 1) {
    notes.push(`--baseline ${options.baseline} has nothing to compare: the run has one target and one prompt.`);
  }
  return notes;
}
