import { InputError } from '../config/errors.ts';
import { caseKey, caseLabel, type CaseIdentity } from '../records/case-key.ts';
import type { ComparedRun } from '../records/compared-run.ts';
import { caseOutcomes, type CaseOutcome } from './case-outcomes.ts';
import { pairKey } from './pair-key.ts';
import type { SettingWarning } from './setting-warnings.ts';

export type PairedCase = { key: string; dataset?: string; caseId: string; base: CaseOutcome; current: CaseOutcome };

/** A (target, prompt) of the current run and the one of the base it is compared with, case by case. */
export type PairedTarget = {
  target: string;
  prompt: string;
  baseTarget: string;
  basePrompt: string;
  cases: PairedCase[];
  /** Cases both runs planned that have no record on one side for this pair (a run stopped early, or lines lost): not compared. */
  unsent: CaseIdentity[];
};

type TargetPrompt = { target: string; prompt: string };

export type PairedRuns = {
  pairs: PairedTarget[];
  /** Planned in both runs with another content hash: left out of `pairs` unless allowChanged. */
  changedCases: CaseIdentity[];
  /** A run (or a case in it) had no content hash: whether its cases changed could not be checked. */
  uncheckedCases: boolean;
  /** Planned in one run and not in the other (added to or removed from the dataset). */
  onlyInBase: CaseIdentity[];
  onlyInCurrent: CaseIdentity[];
  /** (target, prompt) pairs with no counterpart in the other run. */
  unpairedTargets: { base: TargetPrompt[]; current: TargetPrompt[] };
  /** The runs had one dataset each, named differently, and their cases were paired by id alone. */
  warnings: SettingWarning[];
};

/** Cases whose content changed between the two runs, refused unless `--allow-changed`: exit code 2. */
export class ChangedCasesError extends InputError {
  override readonly name = 'ChangedCasesError';
  readonly cases: CaseIdentity[];

  constructor(cases: CaseIdentity[]) {
    // One line per case: an id holding a line break must not read as two cases.
    const oneLine = (text: string) => text.replace(/[\0-\x1F\x7F-\x9F\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    const shown = cases.slice(0, 20).map((identity) => `  ${oneLine(caseLabel(identity))}`);
    const more = cases.length > 20 ? [`  … and ${cases.length - 20} more`] : [];
    const count = cases.length === 1 ? '1 case' : `${cases.length} cases`;
    super([`${count} changed between the runs (another prompt, expected answer, assertion or image), so their results are not comparable:`, ...shown, ...more, 'pass --allow-changed to compare them anyway'].join('\n'));
    this.cases = cases;
  }
}

/**
 * Two runs of one dataset each, named differently, where a run predates case hashes: their cases
 * would pair by id alone, with nothing to show they are the same cases. Exit code 2, unless
 * `--allow-changed`.
 */
export class DifferentDatasetsError extends InputError {
  override readonly name = 'DifferentDatasetsError';
  readonly base: string;
  readonly current: string;

  constructor(base: string, current: string) {
    super(`the runs used different datasets (${base} in the base, ${current} in the current run), and a run predates case hashes, so whether cases of the same id are the same cases cannot be checked: pass --allow-changed to pair them by id anyway`);
    this.base = base;
    this.current = current;
  }
}

/**
 * Pairs two loaded runs case by case, for each (target, prompt) they share: the evidence `compare`
 * tests. Cases are matched by (dataset, case id), and refused when their content hash differs
 * (ChangedCasesError) unless `allowChanged`. A case is paired for a (target, prompt) when both
 * runs sent it there; a case that was planned in both runs but never sent in one (a run stopped
 * early) is simply not paired, and not listed as only in the other run: only cases absent from
 * the other run's plan are.
 */
export function pairRuns(givenBase: ComparedRun, givenCurrent: ComparedRun, options: { allowChanged?: boolean } = {}): PairedRuns {
  const base = namedLike(givenBase, givenCurrent);
  const current = namedLike(givenCurrent, givenBase);
  const basePlanned = new Set(base.cases.map(caseKey));
  const currentPlanned = new Set(current.cases.map(caseKey));
  const onlyInBase = base.cases.filter((identity) => !currentPlanned.has(caseKey(identity)));
  const onlyInCurrent = current.cases.filter((identity) => !basePlanned.has(caseKey(identity)));
  const shared = current.cases.filter((identity) => basePlanned.has(caseKey(identity)));

  const hashOf = (run: ComparedRun, key: string) => run.caseHashes?.get(key);
  const uncheckedCases = shared.some((identity) => hashOf(base, caseKey(identity)) === undefined || hashOf(current, caseKey(identity)) === undefined);
  const changedCases = shared.filter((identity) => {
    const [before, after] = [hashOf(base, caseKey(identity)), hashOf(current, caseKey(identity))];
    return before !== undefined && after !== undefined && before !== after;
  });
  if (changedCases.length > 0 && !options.allowChanged) throw new ChangedCasesError(changedCases.map(identityOf));
  const warnings = datasetWarnings(base, current, { shared: shared.length, uncheckedCases, allowChanged: options.allowChanged ?? false });

  const matched = matchTargets(base.pairs, current.pairs);
  const pairs = matched.map(({ base: basePair, current: currentPair }) => {
    const before = caseOutcomes(recordsOf(base, basePair));
    const after = caseOutcomes(recordsOf(current, currentPair));
    const cases: PairedCase[] = [];
    const unsent: CaseIdentity[] = [];
    // Changed cases are here only with allowChanged: without it, they were refused above.
    for (const identity of shared) {
      const key = caseKey(identity);
      const [baseOutcome, currentOutcome] = [before.get(key), after.get(key)];
      if (baseOutcome && currentOutcome) cases.push({ key, ...identityOf(identity), base: baseOutcome, current: currentOutcome });
      else unsent.push(identityOf(identity));
    }
    return { target: currentPair.target, prompt: currentPair.prompt, baseTarget: basePair.target, basePrompt: basePair.prompt, cases, unsent };
  });
  const matchedBase = new Set(matched.map((pair) => pairKey(pair.base)));
  const matchedCurrent = new Set(matched.map((pair) => pairKey(pair.current)));
  return {
    pairs,
    changedCases: changedCases.map(identityOf),
    uncheckedCases,
    onlyInBase: onlyInBase.map(identityOf),
    onlyInCurrent: onlyInCurrent.map(identityOf),
    unpairedTargets: {
      base: base.pairs.filter((pair) => !matchedBase.has(pairKey(pair))).map(targetPromptOf),
      current: current.pairs.filter((pair) => !matchedCurrent.has(pairKey(pair))).map(targetPromptOf),
    },
    warnings,
  };
}

/**
 * Runs of one dataset each key their cases by id alone, so two different datasets would pair
 * `q1` with `q1`. The dataset's name is weak evidence either way (a file renamed or moved keeps
 * its cases; two `cases.jsonl` in two folders share a name), and the content hashes are strong: so
 * different names are a warning when every shared case's hash was checked (a changed one was
 * refused, or compared under --allow-changed and listed), and refused when a run predates hashes
 * and nothing vouches for the cases, unless --allow-changed.
 */
function datasetWarnings(base: ComparedRun, current: ComparedRun, context: { shared: number; uncheckedCases: boolean; allowChanged: boolean }): SettingWarning[] {
  const [baseName, currentName] = [soleDataset(base), soleDataset(current)];
  if (baseName === undefined || currentName === undefined || baseName === currentName || context.shared === 0) return [];
  if (context.uncheckedCases && !context.allowChanged) throw new DifferentDatasetsError(baseName, currentName);
  const why = context.uncheckedCases ? 'a run predates case hashes, so their contents could not be checked (--allow-changed)' : "every case's content was checked against its hash";
  return [{ setting: 'dataset', base: baseName, current: currentName, message: `dataset ${baseName} in the base, ${currentName} in the current run: cases were paired by id (${why})` }];
}

/** The name of a run's one dataset when its cases are keyed by id alone; undefined otherwise. */
function soleDataset(run: ComparedRun): string | undefined {
  const names = run.datasets ?? [];
  if (names.length !== 1 || run.cases.some((identity) => identity.dataset !== undefined)) return undefined;
  return names[0];
}

/**
 * Which (target, prompt) of the base each of the current run's is compared with, in the current
 * run's order. Labels must agree on what the two runs vary between them and nothing else:
 * - one pair each: paired whatever their labels (a provider switched, openai:gpt-4o-mini against
 *   azure:gpt-4o-mini; or a prompt file renamed);
 * - one prompt each: by target label (the prompt changed, for every target);
 * - one target each: by prompt label (the model changed, for every prompt);
 * - else: by target and prompt label.
 */
export function matchTargets(base: readonly TargetPrompt[], current: readonly TargetPrompt[]): Array<{ base: TargetPrompt; current: TargetPrompt }> {
  if (base.length === 1 && current.length === 1) return [{ base: base[0]!, current: current[0]! }];
  const single = (pairs: readonly TargetPrompt[], field: keyof TargetPrompt) => new Set(pairs.map((pair) => pair[field])).size === 1;
  const keyOf: (pair: TargetPrompt) => string =
    single(base, 'prompt') && single(current, 'prompt') ? (pair) => pair.target
    : single(base, 'target') && single(current, 'target') ? (pair) => pair.prompt
    : pairKey;
  const baseByKey = new Map(base.map((pair) => [keyOf(pair), pair]));
  return current.flatMap((pair) => {
    const match = baseByKey.get(keyOf(pair));
    return match ? [{ base: match, current: pair }] : [];
  });
}

/**
 * A run of one dataset, its cases named by it when the other run had several datasets including
 * it: a dataset added to an eval keeps its cases' identity (`q1` and `smoke/q1` are one case).
 */
function namedLike(run: ComparedRun, other: ComparedRun): ComparedRun {
  const [name, ...more] = run.datasets ?? [];
  const otherHasIt = name !== undefined && (other.datasets ?? []).length > 1 && (other.datasets ?? []).includes(name);
  if (name === undefined || more.length > 0 || !otherHasIt || run.cases.some((identity) => identity.dataset !== undefined)) return run;
  const named = (identity: CaseIdentity): CaseIdentity => ({ dataset: name, caseId: identity.caseId });
  const hashes = run.caseHashes;
  return {
    ...run,
    cases: run.cases.map(named),
    caseHashes: hashes && new Map(run.cases.flatMap((identity) => {
      const hash = hashes.get(caseKey(identity));
      return hash === undefined ? [] : [[caseKey(named(identity)), hash] as const];
    })),
    records: run.records.map((record) => (record.dataset === undefined ? { ...record, dataset: name } : record)),
  };
}

function recordsOf(run: ComparedRun, pair: TargetPrompt) {
  return run.records.filter((record) => record.target === pair.target && record.prompt === pair.prompt);
}

const identityOf = (identity: CaseIdentity): CaseIdentity => ({ ...(identity.dataset !== undefined ? { dataset: identity.dataset } : {}), caseId: identity.caseId });
const targetPromptOf = (pair: TargetPrompt): TargetPrompt => ({ target: pair.target, prompt: pair.prompt });
