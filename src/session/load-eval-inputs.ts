import path from 'node:path';
import { createHash } from 'node:crypto';
import { DatasetError, InputError, TargetError } from '../config/errors.ts';
import { expandDatasetPaths } from '../config/expand-dataset-paths.ts';
import type { EvalSettings } from '../config/settings/eval-settings.ts';
import { flagNames, type SettingNames } from '../config/settings/setting-names.ts';
import { loadDatasets, loadPromptVariants, type Case, type Dataset, type PromptVariant } from '../datasets/index.ts';
import { parseSyntheticSpecs, quotedSpec, syntheticDataset, type SyntheticDataset } from '../datasets/synthetic/index.ts';
import { loadTokenCounter } from '../runner/token-counter.ts';
import { loadPriceTable, parseTargetSpec, type PriceTable, type Target } from '../targets/index.ts';
import { isSimulatedSpec, resolveEvalTargets, simulatedPrefix, startSimulator, type Simulator } from './start-simulator.ts';

/** Everything a run reads before it sends anything, each checked. */
export type EvalInputs = {
  datasets: Array<Dataset & { name: string }>;
  /** Every dataset's cases, in order; with several datasets, each carries its dataset's name. */
  cases: Case[];
  /** sha256 of the dataset (one) or of the datasets' names and hashes (several). */
  datasetsHash: string;
  variants: PromptVariant[];
  prices: PriceTable;
  targets: Target[];
  /** Started when a target or the judge is `simulated:`; closed by whoever ends the run. */
  simulator?: Simulator;
};

/**
 * Loads and checks every input, reporting every problem of every input at once: a bad dataset
 * does not hide a missing key. Nothing is sent, and nothing stays running on failure.
 */
export async function loadEvalInputs(
  settings: EvalSettings,
  context: { environment: Record<string, string | undefined>; cwd: string; names?: SettingNames | undefined },
): Promise<EvalInputs> {
  const problems = problemList();
  const { place } = context.names ?? flagNames;
  const synthetic = settings.synthetic ?? [];
  if (settings.datasets.length === 0 && synthetic.length === 0) problems.input('Expected a dataset: --dataset FILE or --synthetic SHAPE, or `datasets:` or `synthetic:` in the eval file');
  if (settings.targets.length === 0) problems.input('Expected at least one target: --target SPEC, or `targets:` in the eval file');
  // Relative paths are kept as written when they are read from where the process runs (messages
  // then use the user's spelling), else taken from `cwd`.
  const fromCwd = (file: string) => (path.resolve(context.cwd) === process.cwd() ? file : path.resolve(context.cwd, file));
  const paths = ((await collect(problems, () => expandDatasetPaths(settings.datasets, context.cwd))) ?? []).map(fromCwd);
  const loaded = paths.length > 0 ? await collect(problems, () => loadDatasets(paths)) : settings.datasets.length === 0 ? [] : undefined;
  const generated = synthetic.length > 0 ? await collect(problems, () => generateSynthetic(synthetic, settings.seed, context.names)) : undefined;
  const named = loaded && (synthetic.length === 0 || generated) ? [...nameDatasets(loaded), ...(generated ? [generated.dataset] : [])] : undefined;
  const datasets = named && (await collect(problems, async () => markCases(named)));
  const cases = datasets?.flatMap((dataset) => dataset.cases);
  // Every variant is applied to every case now: a template variable a case cannot fill is reported before anything is sent.
  const variants = cases && (await collect(problems, () => loadPromptVariants(settings.prompts.map(fromCwd), cases)));
  // Without --prices, a table `llm-bench prices --update` wrote in the working folder is used when it is newer.
  const prices = await collect(problems, () => loadPriceTable(settings.prices === undefined ? undefined : fromCwd(settings.prices), { cwd: context.cwd }));
  // A step may be sent to a simulated target though every run target is real.
  const wantsSimulator =
    settings.targets.some((entry) => isSimulatedSpec(entry.target) || Object.values(entry.steps ?? {}).some(isSimulatedSpec)) ||
    (settings.judge !== undefined && isSimulatedSpec(settings.judge)) ||
    (cases ?? []).some((testCase) => testCase.calls?.steps.some((step) => step.target !== undefined && isSimulatedSpec(step.target)));
  // The simulator answers a synthetic case from its copy that knows an answer of the case's length.
  const simulated = datasets?.map((dataset, index) => (generated && index === datasets.length - 1 ? forSimulator(dataset, generated) : dataset));
  const simulator = simulated && wantsSimulator ? await startSimulator(simulated, { seed: settings.seed, answerBooks: settings.answerBooks }) : undefined;
  const targets = prices && (await collect(problems, async () => resolveEvalTargets(settings.targets, { environment: context.environment, prices, simulator, item: (index) => (context.names ?? flagNames).at('targets', [index]) })));
  if (targets && settings.baseline !== undefined && !targets.some((target) => target.label === settings.baseline)) {
    problems.input(`${place('baseline')} ${settings.baseline}: not one of the targets (${targets.map((target) => target.label).join(', ')})`);
  }
  if (settings.judge !== undefined) {
    // Checked even when no assertion needs a judge: a mistyped judge should not pass unnoticed.
    try {
      parseTargetSpec(settings.judge.replace(simulatedPrefix, ''));
    } catch (error) {
      problems.input(`${place('judge')}: ${(error as Error).message}`);
    }
  }
  if (!datasets || !cases || !variants || !prices || !targets || problems.length > 0) {
    await simulator?.close();
    throw refusal(problems);
  }
  return { datasets, cases, datasetsHash: hashOf(datasets), variants, prices, targets, ...(simulator ? { simulator } : {}) };
}

/**
 * `--synthetic` shapes as one dataset named `synthetic`, generated from the seed: its hash is that
 * of the generated cases, so a resume with other shapes or another seed is refused.
 */
async function generateSynthetic(specs: readonly string[], seed: number, names: SettingNames | undefined): Promise<SyntheticDataset> {
  const { name, at, place } = names ?? flagNames;
  const shapes = parseSyntheticSpecs(specs, { item: (index) => at('synthetic', [index]) ?? `${name('synthetic')} ${quotedSpec(specs[index]!)}`, setting: place('synthetic') });
  return syntheticDataset(shapes, { seed, countTokens: await loadTokenCounter({ whole: true }) });
}

/**
 * The simulator's view of the synthetic dataset (the last one, its cases marked as the run's are):
 * each case expects its answer of the right length, and has no assertions the simulator would
 * try that answer on, so that it always gives it.
 */
function forSimulator(dataset: Dataset & { name: string }, generated: SyntheticDataset): Dataset {
  return { ...dataset, cases: dataset.cases.map((testCase) => ({ ...testCase, assert: [], expected: generated.simulatorAnswers.get(testCase.id)! })) };
}

/** Names each dataset by its file name, or by its path from the common folder when two share a name. */
function nameDatasets(datasets: Dataset[]): Array<Dataset & { name: string }> {
  if (datasets.length === 0) return [];
  const base = (file: string) => path.basename(file).replace(/\.(jsonl|csv|ya?ml)$/i, '');
  const clash = new Set(datasets.map((dataset) => base(dataset.path))).size < datasets.length;
  const root = commonFolder(datasets.map((dataset) => path.dirname(path.resolve(dataset.path))));
  return datasets.map((dataset) => ({
    ...dataset,
    name: clash ? path.relative(root, path.resolve(dataset.path)).replace(/\.(jsonl|csv|ya?ml)$/i, '').split(path.sep).join('/') : base(dataset.path),
  }));
}

function commonFolder(folders: string[]): string {
  return folders.reduce((common, folder) => {
    while (common !== path.dirname(common) && !`${folder}${path.sep}`.startsWith(`${common}${path.sep}`)) common = path.dirname(common);
    return common;
  });
}

/** One dataset's cases as they are; several datasets' cases each marked with their dataset, ids unique within it. */
function markCases(datasets: Array<Dataset & { name: string }>): Array<Dataset & { name: string }> {
  if (datasets.length === 1) return datasets;
  const names = new Set<string>();
  const problems: string[] = [];
  for (const dataset of datasets) {
    if (names.has(dataset.name)) problems.push(`${dataset.path}: given twice`);
    names.add(dataset.name);
  }
  if (problems.length > 0) throw new DatasetError(problems);
  return datasets.map((dataset) => ({ ...dataset, cases: dataset.cases.map((testCase) => ({ ...testCase, dataset: dataset.name })) }));
}

function hashOf(datasets: Array<Dataset & { name: string }>): string {
  if (datasets.length === 1) return datasets[0]!.hash;
  return createHash('sha256').update(JSON.stringify(datasets.map((dataset) => [dataset.name, dataset.hash]))).digest('hex');
}

/** Runs a step that may refuse its input; its problems join the list instead of ending the run. */
async function collect<T>(problems: Problems, step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof DatasetError) problems.push(...error.problems);
    else if (error instanceof InputError) problems.push(error.message);
    else throw error;
    problems.kinds.add(error instanceof DatasetError ? 'dataset' : error instanceof TargetError ? 'target' : 'input');
    return undefined;
  }
}

/** Every problem found, and the kinds of error they came from. */
type Problems = string[] & { kinds: Set<'dataset' | 'target' | 'input'>; input(message: string): void };

function problemList(): Problems {
  const problems = Object.assign([] as string[], { kinds: new Set<'dataset' | 'target' | 'input'>() });
  return Object.assign(problems, {
    input: (message: string) => {
      problems.push(message);
      problems.kinds.add('input');
    },
  });
}

/** One error for every problem, of the kind they all share: a DatasetError, a TargetError, or else an InputError. */
function refusal(problems: Problems): InputError {
  const kinds = [...problems.kinds];
  if (kinds.length === 1 && kinds[0] === 'dataset') return new DatasetError(problems);
  if (kinds.length === 1 && kinds[0] === 'target') return new TargetError(problems.join('\n'));
  return new InputError(problems.join('\n'));
}
