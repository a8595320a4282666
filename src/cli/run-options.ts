import type { Argv } from 'yargs';
import { InputError } from '../config/errors.ts';
import { emptyFlagProblem, flagProblem, limits, numberFlagOption, type NumberBound } from '../config/limits.ts';

/** The flags of `llm-bench run`, after validation. */
export type RunOptions = {
  /** Required unless resuming (then taken from run.json). */
  dataset?: string;
  /** Required unless resuming (then taken from run.json). */
  target: string[];
  concurrency: number;
  /** As given; undefined: --concurrency (kept unresolved, so a resume with another -c follows it). */
  targetConcurrency?: number;
  /** Undefined: 1, or what the resumed run used. */
  repeats?: number;
  warmup: number;
  retries: number;
  maxTokens?: number;
  temperature?: number;
  timeoutMs: number;
  stallTimeoutMs: number;
  out?: string;
  prices?: string;
  /** A run folder to complete. */
  resume?: string;
  /** Resume even though the dataset, targets or settings changed. */
  force: boolean;
  /** Seconds to wait for requests in flight after the first Ctrl-C. */
  drainSeconds: number;
  /** Budget in USD: scheduling stops before it could be passed. */
  maxCost?: number;
  /** Stop a target whose recent requests failed more often than this (0..1). */
  maxErrorRate: number;
  /** Folder of the response cache; undefined: no cache. */
  cacheDir?: string;
  /** Default judge target for llm-judge assertions. */
  judge?: string;
  /** Prompt variant files; empty: the dataset's own prompts. */
  prompt: string[];
  /** The target the others are compared with; default: the first. */
  baseline?: string;
  /** CI gate: a (target, prompt) whose pass rate is below this fails the run (exit code 4). */
  minPassRate?: number;
  /** New requests per second; undefined: all at once, up to the concurrency. */
  rate?: number;
};

/** `--prompt`, as `run` and `demo` both take it. */
export const promptOption = {
  alias: 'p',
  type: 'string',
  array: true,
  default: [] as string[],
  describe: 'Prompt variant file (.yaml or .txt template); repeat to compare prompts on the same cases',
} as const;

export function withRunOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('dataset', { alias: 'd', type: 'string', describe: 'Dataset file: .jsonl, .csv or .yaml (required unless --resume)' })
    .option('target', {
      alias: 't',
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'Target [label=][provider:]model[@where]; repeat for several (required unless --resume)',
    })
    .option('concurrency', { alias: 'c', ...numberFlagOption, defaultDescription: '4', describe: 'Requests in flight overall' })
    .option('rate', { ...numberFlagOption, describe: 'Start new requests at this many per second, evenly spaced (default: all at once, up to --concurrency)' })
    .option('target-concurrency', { ...numberFlagOption, describe: 'Requests in flight per target (default: --concurrency)' })
    .option('repeats', { alias: 'r', ...numberFlagOption, describe: 'Times each case is sent to each target (default 1)' })
    .option('warmup', { ...numberFlagOption, defaultDescription: '1', describe: 'Unrecorded requests per target before measuring' })
    .option('retries', { ...numberFlagOption, defaultDescription: '3', describe: 'Retries after 429, 5xx or network errors' })
    .option('max-tokens', { ...numberFlagOption, describe: 'Maximum output tokens per answer' })
    .option('temperature', { ...numberFlagOption, describe: 'Sampling temperature' })
    .option('timeout-ms', { ...numberFlagOption, defaultDescription: '60000', describe: 'Bound on one request, ms' })
    .option('stall-timeout-ms', { ...numberFlagOption, defaultDescription: '30000', describe: 'End a request that receives nothing for this long, ms' })
    .option('out', { alias: 'o', type: 'string', describe: 'Run folder (default: reports/<timestamp>-<id>)' })
    .option('prices', { type: 'string', describe: 'Price table (default: the shipped data/prices.yaml)' })
    .option('resume', { type: 'string', describe: 'Complete the run in this folder: only what is missing or failed is sent' })
    .option('force', { type: 'boolean', default: false, describe: 'With --resume: resume even if the dataset, targets or settings changed' })
    .option('drain-seconds', { ...numberFlagOption, defaultDescription: '30', describe: 'After Ctrl-C, wait this long for requests in flight' })
    .option('max-cost', { ...numberFlagOption, describe: 'Budget in USD; needs --max-tokens. Scheduling stops before it could be passed' })
    .option('max-error-rate', { ...numberFlagOption, defaultDescription: '0.5', describe: 'Stop a target when more of its last 20 requests failed (1: never)' })
    .option('cache', { type: 'boolean', defaultDescription: 'false', describe: 'Reuse successful answers to identical requests (never with --repeats > 1)' })
    .option('prompt', promptOption)
    .option('min-pass-rate', { ...numberFlagOption, describe: 'Fail the run (exit code 4) when a target passes fewer of its scored answers, 0..1' })
    .option('baseline', { type: 'string', describe: 'Target label the others are compared with (default: the first --target)' })
    .option('judge', { type: 'string', describe: 'Judge target for llm-judge assertions that name none, e.g. openai:gpt-4o' })
    .option('cache-dir', { type: 'string', defaultDescription: '.llm-bench-cache', describe: 'Folder of the response cache' });
}

/** What yargs hands over: the options before defaults are settled and values checked. */
export type ParsedRunFlags = Partial<Omit<RunOptions, 'target' | 'cacheDir' | 'prompt'>> & {
  target?: (string | number)[];
  prompt?: (string | number)[];
  cache?: boolean;
  cacheDir?: string;
};

/**
 * Flags whose defaults are applied here rather than by yargs, so that a flag left out can be told
 * from one given: `--resume` takes what was left out from the run it completes.
 */
export const runFlagDefaults = {
  concurrency: 4,
  warmup: 1,
  retries: 3,
  timeoutMs: 60_000,
  stallTimeoutMs: 30_000,
  drainSeconds: 30,
  maxErrorRate: 0.5,
  cache: false,
  cacheDir: '.llm-bench-cache',
} as const;

/**
 * The settings a resumed run keeps unless given again: a budget, a price table, retries and
 * timeouts belong to the run, not to the command that completes it. (Dataset, targets, prompts
 * and repeats are the run's identity, taken from run.json by executeRun.)
 */
const resumedSettings = [
  'concurrency', 'targetConcurrency', 'warmup', 'retries', 'timeoutMs', 'stallTimeoutMs', 'prices',
  'drainSeconds', 'maxCost', 'maxErrorRate', 'cacheDir', 'maxTokens', 'temperature', 'baseline', 'minPassRate', 'rate',
] as const satisfies ReadonlyArray<keyof RunOptions>;

/** Fills the flags left out of `run --resume` from the settings recorded in the run's run.json. */
export function withResumedSettings(flags: ParsedRunFlags, recorded: Partial<RunOptions>): ParsedRunFlags {
  const merged: Record<string, unknown> = { ...flags };
  for (const name of resumedSettings) {
    if (merged[name] === undefined && recorded[name] !== undefined) merged[name] = recorded[name];
  }
  return merged as ParsedRunFlags;
}

/** Checks every flag, reporting all bad ones at once in p-queue's "expected …, got …" style. */
export function validateRunOptions(given: ParsedRunFlags): RunOptions {
  const flags = { ...runFlagDefaults, ...definedOnly(given) };
  const problems: string[] = [];
  // yargs turns a flag given twice into a list; only --target may be given several times.
  for (const [name, value] of Object.entries(flags)) {
    if (name !== 'target' && name !== 'prompt' && name.length > 1 && !name.includes('-') && Array.isArray(value)) {
      problems.push(`Expected --${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} once, got it ${value.length} times`);
    }
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  const check = (flag: string, bound: NumberBound, value: unknown) => {
    const problem = flagProblem(flag, bound, value);
    if (problem) problems.push(problem);
  };
  check('concurrency', limits.concurrency, flags.concurrency);
  check('target-concurrency', limits.concurrency, flags.targetConcurrency);
  check('repeats', limits.repeats, flags.repeats);
  check('warmup', limits.warmup, flags.warmup);
  check('retries', limits.retries, flags.retries);
  check('max-tokens', limits.maxTokens, flags.maxTokens);
  check('temperature', limits.temperature, flags.temperature);
  check('timeout-ms', limits.requestTimeoutMs, flags.timeoutMs);
  check('stall-timeout-ms', limits.requestTimeoutMs, flags.stallTimeoutMs);
  check('drain-seconds', limits.drainSeconds, flags.drainSeconds);
  check('max-cost', limits.budgetUsd, flags.maxCost);
  if (flags.maxCost !== undefined && flags.maxTokens === undefined) {
    problems.push('--max-cost needs --max-tokens: without it, the worst case of a request in flight has no bound');
  }
  check('rate', limits.rate, flags.rate);
  check('min-pass-rate', limits.fraction, flags.minPassRate);
  check('max-error-rate', limits.fraction, flags.maxErrorRate);
  // An empty value (an unset variable) would change what the flag means: `--out ""` is the
  // current folder, `--judge ""` no judge at all.
  const texts = { dataset: flags.dataset, target: flags.target, prompt: flags.prompt, out: flags.out, prices: flags.prices, resume: flags.resume, baseline: flags.baseline, judge: flags.judge, 'cache-dir': given.cacheDir };
  for (const [flag, value] of Object.entries(texts)) {
    const problem = emptyFlagProblem(flag, value);
    if (problem) problems.push(problem);
  }
  const targets = (flags.target ?? []).map(String);
  if (flags.resume === undefined) {
    if (flags.dataset === undefined) problems.push('Expected --dataset (or --resume <run folder>)');
    if (targets.length === 0) problems.push('Expected at least one --target (or --resume <run folder>)');
  } else if (flags.out !== undefined) {
    problems.push('--resume writes into the run folder it completes; drop --out');
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return {
    ...(flags.dataset !== undefined ? { dataset: flags.dataset } : {}),
    target: targets,
    concurrency: flags.concurrency,
    ...(flags.targetConcurrency !== undefined ? { targetConcurrency: flags.targetConcurrency } : {}),
    ...(flags.repeats !== undefined ? { repeats: flags.repeats } : {}),
    warmup: flags.warmup,
    retries: flags.retries,
    ...(flags.maxTokens !== undefined ? { maxTokens: flags.maxTokens } : {}),
    ...(flags.temperature !== undefined ? { temperature: flags.temperature } : {}),
    timeoutMs: flags.timeoutMs,
    stallTimeoutMs: flags.stallTimeoutMs,
    ...(flags.out !== undefined ? { out: flags.out } : {}),
    ...(flags.prices !== undefined ? { prices: flags.prices } : {}),
    ...(flags.resume !== undefined ? { resume: flags.resume } : {}),
    force: flags.force ?? false,
    drainSeconds: flags.drainSeconds,
    ...(flags.maxCost !== undefined ? { maxCost: flags.maxCost } : {}),
    maxErrorRate: flags.maxErrorRate,
    // Naming a cache folder asks for a cache; --no-cache still turns it off.
    ...(flags.cache || (given.cacheDir !== undefined && given.cache !== false) ? { cacheDir: flags.cacheDir } : {}),
    ...(flags.judge !== undefined ? { judge: flags.judge } : {}),
    ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
    ...(flags.minPassRate !== undefined ? { minPassRate: flags.minPassRate } : {}),
    ...(flags.rate !== undefined ? { rate: flags.rate } : {}),
    prompt: (flags.prompt ?? []).map(String),
  };
}

function definedOnly<T extends object>(flags: T): Partial<T> {
  return Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined)) as Partial<T>;
}
