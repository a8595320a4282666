/**
 * llm-bench as a library: the same run core the CLI calls.
 *
 *   import { run, defineConfig } from 'llm-bench';
 *   const outcome = await run(defineConfig({ datasets: ['evals/qa.jsonl'], targets: ['openai:gpt-4o-mini'] }));
 */
import { loadConfig as loadConfigFile, type LoadedConfig } from './config/load-config.ts';
import type { EvalDefinition } from './config/eval-definition.ts';
import type { RunEvent } from './reports/index.ts';
import { keyNames } from './config/settings/setting-names.ts';
import { settingsOfDefinition } from './config/settings/eval-settings.ts';
import { ignoredFlags, runEval, settingsOfGivenDefinition, type RunOutcome } from './session/index.ts';
import { compareFolders, type CompareOutcome } from './session/compare-folders.ts';
import { comparisonGates } from './session/comparison-gates.ts';
import { chooseRun } from './session/choose-run.ts';
import type { Choice } from './stats/make-choice.ts';
import { resolve } from 'node:path';

export { defineConfig } from './config/eval-definition.ts';
export type { EvalDefinition, ReporterEntry, TargetEntry } from './config/eval-definition.ts';
export type { LoadedConfig } from './config/load-config.ts';
export { ConfigError, DatasetError, InputError, TargetError } from './config/errors.ts';
export type { AttemptRecord, Score } from './records/index.ts';
export type { ReportFile, ReportInput, Reporter, ReporterSetting, RunEvent } from './reports/index.ts';
export type { BaselineComparison, CaseFlip, PairComparison, RateChange, RatioChange, RunComparison, TargetSummary, Verdict } from './stats/index.ts';
export type { GateResult } from './stats/gates/index.ts';
export type { CompareOutcome } from './session/compare-folders.ts';
export type { Choice } from './stats/make-choice.ts';
export type { RunOutcome } from './session/index.ts';
export type { SweepCurve, SweepRow, SweepStep } from './reports/sweep-curve.ts';
export type { HarnessCheck, AttemptSchedule } from './records/index.ts';

export type RunOptions = {
  /** Aborting stops the run: nothing new is sent, requests in flight are abandoned, and the reports are written from what was done. */
  signal?: AbortSignal | undefined;
  /** Every lifecycle event: run-started, attempt-done, target-stopped, run-finished. */
  onEvent?: ((event: RunEvent) => void | Promise<void>) | undefined;
  /** Things worth knowing before the requests start (a budget's worst case, settings that do nothing). */
  onNotice?: ((message: string) => void) | undefined;
  /** Where relative paths in the definition are read from; default: the working folder. */
  cwd?: string | undefined;
  /** Where provider keys and base URLs are read from; default: `process.env`. */
  environment?: Record<string, string | undefined> | undefined;
};

/**
 * Runs an eval and returns its outcome as data. It writes the run folder as the CLI does, and
 * nothing to the terminal. Bad input throws one error naming every problem; a failed request is
 * a record in the outcome, not an exception.
 */
export async function run(definition: EvalDefinition, options: RunOptions = {}): Promise<RunOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const settings = settingsOfGivenDefinition(definition, cwd);
  // Settings given where they do nothing, told as the CLI tells them.
  for (const note of ignoredFlags(settingsOfDefinition(definition), settings, {}, keyNames)) options.onNotice?.(note);
  return runEval(settings, {
    cwd,
    names: keyNames,
    environment: options.environment ?? process.env,
    ...(options.signal ? { stop: options.signal, interrupt: options.signal } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.onNotice ? { onNotice: options.onNotice } : {}),
  });
}

/** Reads the eval file (`config`, or llm-bench.yaml … in `cwd`) as `llm-bench run` does; undefined when there is none. */
export async function loadConfig(options: { config?: string | undefined; cwd?: string | undefined } = {}): Promise<LoadedConfig | undefined> {
  return loadConfigFile({ cwd: options.cwd ?? process.cwd(), ...(options.config !== undefined ? { config: options.config } : {}) });
}

export type CompareOptions = {
  /** Gate expressions, as `--gate` takes them: `pass_rate drop <= 5`, `ttft_p50 ratio <= 1.2`, `pass_rate >= 0.9`. */
  gates?: string[] | undefined;
  /** The gate `pass_rate drop <= maxDrop` (points). */
  maxDrop?: number | undefined;
  /** Significance level: two-sided for verdicts, one-sided for gates; default 0.05. */
  alpha?: number | undefined;
  /** Mid-p McNemar and binomial tests instead of exact ones. */
  midP?: boolean | undefined;
  /** Gates state their power against a figure this far past the threshold; default 0.05. */
  powerMargin?: number | undefined;
  /** Compare cases whose content changed between the runs instead of refusing. */
  allowChanged?: boolean | undefined;
  /** Folder for comparison.md, comparison.json and comparison.html; default the current run folder; false: write nothing. */
  out?: string | false | undefined;
  /** Where relative folders are read from; default: the working folder. */
  cwd?: string | undefined;
};

/**
 * Compares two run folders case by case, as `llm-bench compare` does: every figure with its
 * interval and verdict, the flipped cases, and each gate's result (a failed gate is
 * `passed: false`, not an exception). Bad input (a folder without a run, changed cases without
 * `allowChanged`, a gate on an unknown figure) throws an InputError.
 */
export async function compare(baseDir: string, currentDir: string, options: CompareOptions = {}): Promise<CompareOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const gates = comparisonGates({ gates: options.gates, maxDrop: options.maxDrop, alpha: options.alpha, powerMargin: options.powerMargin }, keyNames);
  const out = options.out === undefined || options.out === false ? options.out : resolve(cwd, options.out);
  return compareFolders(resolve(cwd, baseDir), resolve(cwd, currentDir), {
    gates,
    ...(options.alpha !== undefined ? { alpha: options.alpha } : {}),
    ...(options.midP !== undefined ? { midP: options.midP } : {}),
    ...(options.powerMargin !== undefined ? { powerMargin: options.powerMargin } : {}),
    ...(options.allowChanged !== undefined ? { allowChanged: options.allowChanged } : {}),
    ...(out !== undefined ? { out } : {}),
  });
}

/**
 * What `llm-bench choose RUN` prints, as data: each (target, prompt) with its figures and
 * intervals, the Pareto frontier, and the recommendation paragraph with its evidence and caveats.
 */
export async function choose(runDir: string, options: { cwd?: string | undefined } = {}): Promise<Choice> {
  return chooseRun(resolve(options.cwd ?? process.cwd(), runDir));
}
