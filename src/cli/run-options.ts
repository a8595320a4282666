import type { Argv } from 'yargs';
import { InputError } from '../config/errors.ts';

/** The flags of `llm-bench run`, after validation. */
export type RunOptions = {
  dataset: string;
  target: string[];
  concurrency: number;
  targetConcurrency: number;
  repeats: number;
  warmup: number;
  retries: number;
  maxTokens?: number;
  temperature?: number;
  timeoutMs: number;
  stallTimeoutMs: number;
  out?: string;
  prices?: string;
};

export function withRunOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('dataset', { alias: 'd', type: 'string', demandOption: true, describe: 'Dataset file: .jsonl, .csv or .yaml' })
    .option('target', {
      alias: 't',
      type: 'string',
      array: true,
      demandOption: true,
      describe: 'Target [label=][provider:]model[@where]; repeat for several',
    })
    .option('concurrency', { alias: 'c', type: 'number', default: 4, describe: 'Requests in flight overall' })
    .option('target-concurrency', { type: 'number', describe: 'Requests in flight per target (default: --concurrency)' })
    .option('repeats', { alias: 'r', type: 'number', default: 1, describe: 'Times each case is sent to each target' })
    .option('warmup', { type: 'number', default: 1, describe: 'Unrecorded requests per target before measuring' })
    .option('retries', { type: 'number', default: 3, describe: 'Retries after 429, 5xx or network errors' })
    .option('max-tokens', { type: 'number', describe: 'Maximum output tokens per answer' })
    .option('temperature', { type: 'number', describe: 'Sampling temperature' })
    .option('timeout-ms', { type: 'number', default: 60_000, describe: 'Bound on one request, ms' })
    .option('stall-timeout-ms', { type: 'number', default: 30_000, describe: 'End a request that receives nothing for this long, ms' })
    .option('out', { alias: 'o', type: 'string', describe: 'Run folder (default: reports/<timestamp>-<id>)' })
    .option('prices', { type: 'string', describe: 'Price table (default: data/prices.yaml)' });
}

type ParsedRunFlags = {
  dataset: string;
  target: (string | number)[];
  concurrency: number;
  targetConcurrency?: number;
  repeats: number;
  warmup: number;
  retries: number;
  maxTokens?: number;
  temperature?: number;
  timeoutMs: number;
  stallTimeoutMs: number;
  out?: string;
  prices?: string;
};

/** Checks every flag, reporting all bad ones at once in p-queue's "expected …, got …" style. */
export function validateRunOptions(flags: ParsedRunFlags): RunOptions {
  const problems: string[] = [];
  const integer = (name: string, value: number | undefined, minimum: number) => {
    if (value === undefined) return;
    if (!Number.isInteger(value) || value < minimum) {
      problems.push(`Expected --${name} to be an integer >= ${minimum}, got \`${value}\``);
    }
  };
  integer('concurrency', flags.concurrency, 1);
  integer('target-concurrency', flags.targetConcurrency, 1);
  integer('repeats', flags.repeats, 1);
  integer('warmup', flags.warmup, 0);
  integer('retries', flags.retries, 0);
  integer('max-tokens', flags.maxTokens, 1);
  integer('timeout-ms', flags.timeoutMs, 1);
  integer('stall-timeout-ms', flags.stallTimeoutMs, 1);
  if (flags.temperature !== undefined && !(flags.temperature >= 0 && flags.temperature <= 2)) {
    problems.push(`Expected --temperature to be a number from 0 to 2, got \`${flags.temperature}\``);
  }
  if (flags.target.length === 0) problems.push('Expected at least one --target');
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return {
    dataset: flags.dataset,
    target: flags.target.map(String),
    concurrency: flags.concurrency,
    targetConcurrency: flags.targetConcurrency ?? flags.concurrency,
    repeats: flags.repeats,
    warmup: flags.warmup,
    retries: flags.retries,
    ...(flags.maxTokens !== undefined ? { maxTokens: flags.maxTokens } : {}),
    ...(flags.temperature !== undefined ? { temperature: flags.temperature } : {}),
    timeoutMs: flags.timeoutMs,
    stallTimeoutMs: flags.stallTimeoutMs,
    ...(flags.out !== undefined ? { out: flags.out } : {}),
    ...(flags.prices !== undefined ? { prices: flags.prices } : {}),
  };
}
