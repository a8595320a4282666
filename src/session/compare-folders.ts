import { InputError } from '../config/errors.ts';
import { makeDirectory } from '../records/index.ts';
import { join } from 'node:path';
import { comparisonHtml } from '../reports/comparison-html.ts';
import { comparisonJson } from '../reports/comparison-json.ts';
import { comparisonMarkdown } from '../reports/comparison-markdown.ts';
import { writeFileAtomic } from '../reports/write-file-atomic.ts';
import { evaluateGates, type Gate, type GateResult } from '../stats/gates/index.ts';
import { summarize } from '../stats/summarize.ts';
import type { RunComparison } from '../stats/run-comparison.ts';
import { compareLoadedRuns, type CompareRunsOptions } from './compare-runs.ts';
import { loadComparedRun, type ComparedRun } from './load-compared-run.ts';
import { gateSubjects } from './run-gates.ts';

export type CompareFoldersOptions = CompareRunsOptions & {
  /** Gates checked on the comparison (drop, ratio) and on the current run's own figures (absolute). */
  gates?: readonly Gate[];
  /** Power is stated against a figure this far past a gate's threshold; default 0.05. */
  powerMargin?: number;
  /** Folder for comparison.md, comparison.json and comparison.html (made when missing); default the current run's folder; false: write nothing. */
  out?: string | false;
};

export type CompareOutcome = {
  comparison: RunComparison;
  gates: GateResult[];
  /** comparison.md's text, also for a PR comment. */
  markdown: string;
  /** comparison.json's text. */
  json: string;
  /** Paths written. */
  files: string[];
};

/**
 * `llm-bench compare BASE CURRENT` as data: the comparison, every gate's result, and the files
 * written. Bad input (a folder that holds no run, changed cases) throws an InputError.
 */
export async function compareFolders(baseFolder: string, currentFolder: string, options: CompareFoldersOptions = {}): Promise<CompareOutcome> {
  const [base, current] = await Promise.all([loadComparedRun(baseFolder), loadComparedRun(currentFolder)]);
  const comparison = compareLoadedRuns(base, current, options);
  const gates = evaluateComparisonGates(current, comparison, options);
  const markdown = comparisonMarkdown(comparison, gates);
  const json = comparisonJson(comparison, gates);
  const files: string[] = [];
  const out = options.out === undefined ? currentFolder : options.out;
  if (out !== false) {
    const markdownPath = join(out, 'comparison.md');
    const jsonPath = join(out, 'comparison.json');
    const htmlPath = join(out, 'comparison.html');
    try {
      await makeDirectory(out);
      // As every report: a temporary file renamed, so a reader never sees half a comparison.
      await writeFileAtomic(markdownPath, markdown);
      await writeFileAtomic(jsonPath, json);
      await writeFileAtomic(htmlPath, comparisonHtml(comparison, gates));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(`${out}: cannot write comparison.md, comparison.json and comparison.html there (${code ?? (error as Error).message})`, { cause: error });
    }
    files.push(markdownPath, jsonPath, htmlPath);
  }
  return { comparison, gates, markdown, json, files };
}

/** Absolute gates on the current run's own figures; drop and ratio gates on its pairs with the base. */
export function evaluateComparisonGates(current: ComparedRun, comparison: RunComparison, options: CompareFoldersOptions): GateResult[] {
  if (!options.gates || options.gates.length === 0) return [];
  const summaries = summarize(current.records, current.pairs.map((pair) => ({ ...pair, slots: 0 })));
  const subjects = gateSubjects({ records: current.records, summaries });
  const baselines = comparison.comparisons.map((row) => ({ target: row.target, prompt: row.prompt, pairs: row.pairs }));
  return evaluateGates({ gates: options.gates, subjects, baselines }, { alpha: options.alpha ?? 0.05, midP: options.midP ?? false, powerMargin: options.powerMargin ?? 0.05 });
}
