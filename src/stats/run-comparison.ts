import type { CaseIdentity } from '../records/case-key.ts';
import type { PairComparison } from './case-comparison.ts';
import type { SettingWarning } from './setting-warnings.ts';

/** One side of a comparison: the run folder and what it says about itself. */
export type ComparedSide = { folder: string; runId: string; startedAt?: string; incomplete: boolean; simulatedTargets: string[] };

/** Two runs compared case by case: what `llm-bench compare` and `compare()` report. */
export type RunComparison = {
  base: ComparedSide;
  current: ComparedSide;
  /** Two-sided level of every test; intervals are at 1 − alpha. */
  alpha: number;
  /** McNemar's variant for one repeat. */
  method: 'exact' | 'mid-p';
  /** One per (target, prompt) found on both sides, Holm-adjusted across them. */
  comparisons: PairComparison[];
  /** Cases whose content differs between the runs; compared only with allowChanged. */
  changedCases: CaseIdentity[];
  /** A side predates case hashes: whether a case changed could not be checked. */
  uncheckedCases: boolean;
  onlyInBase: CaseIdentity[];
  onlyInCurrent: CaseIdentity[];
  unpairedTargets: { base: Array<{ target: string; prompt: string }>; current: Array<{ target: string; prompt: string }> };
  /** Per compared (target, prompt): cases both runs planned but one has no record of (never sent there): not compared. */
  unsentCases: Array<{ target: string; prompt: string; cases: CaseIdentity[] }>;
  /**
   * Settings that change answers and differ between the runs (temperature, max tokens, the judge,
   * a target's model, route or endpoint under the same label, a prompt variant's text, the
   * dataset): a difference found may not be the change that was made. See settingWarnings.
   */
  warnings: SettingWarning[];
};
