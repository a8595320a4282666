import { limits } from '../limits.ts';
import { declareSettings } from './setting.ts';

/**
 * Every setting of an eval that has a simple value. Datasets, prompts and targets are lists of
 * paths and specs as flags, and richer in the file (a target may carry its own label, settings and
 * provider options): their file form is in eval-definition.ts, their flag form here.
 */
export const runSettings = declareSettings({
  datasets: { path: ['datasets'], flag: 'dataset', alias: 'd', kind: 'texts', resume: 'identity', describe: 'Dataset file (.jsonl, .csv or .yaml) or glob; repeat for several' },
  targets: { path: ['targets'], flag: 'target', alias: 't', kind: 'texts', resume: 'identity', describe: 'Target [label=][provider:]model[@where]; repeat for several' },
  prompts: { path: ['prompts'], flag: 'prompt', alias: 'p', kind: 'texts', resume: 'identity', describe: 'Prompt variant file (.yaml or .txt template); repeat to compare prompts on the same cases' },
  judge: { path: ['judge'], flag: 'judge', kind: 'text', resume: 'identity', describe: 'Judge target for llm-judge assertions that name none, e.g. openai:gpt-4o' },
  repeats: { path: ['run', 'repeats'], flag: 'repeats', alias: 'r', kind: 'number', bound: limits.repeats, default: 1, resume: 'identity', describe: 'Times each case is sent to each target' },
  maxTokens: { path: ['run', 'maxTokens'], flag: 'max-tokens', kind: 'number', bound: limits.maxTokens, resume: 'identity', describe: 'Maximum output tokens per answer' },
  temperature: { path: ['run', 'temperature'], flag: 'temperature', kind: 'number', bound: limits.temperature, resume: 'identity', describe: 'Sampling temperature' },
  concurrency: { path: ['run', 'concurrency'], flag: 'concurrency', alias: 'c', kind: 'number', bound: limits.concurrency, default: 4, resume: 'kept', defaultDescription: '4; with --rate or a rate sweep, 10000 (open loop: no cap)', describe: 'Requests in flight overall' },
  targetConcurrency: { path: ['run', 'targetConcurrency'], flag: 'target-concurrency', kind: 'number', bound: limits.concurrency, resume: 'kept', defaultDescription: 'concurrency', describe: 'Requests in flight per target' },
  rate: { path: ['run', 'rate'], flag: 'rate', kind: 'number', bound: limits.rate, resume: 'kept', defaultDescription: 'closed loop: as fast as --concurrency allows', describe: 'Open loop: start new requests at this many per second, all targets together, on the --arrival schedule (evenly spaced by default), whatever became of the earlier ones' },
  arrival: { path: ['load', 'arrival'], flag: 'arrival', kind: 'text', resume: 'kept', defaultDescription: 'constant with --rate, else closed loop', describe: 'Open-loop arrivals at --rate: constant, poisson or gamma (bursty; see --burstiness). The schedule is fixed from --seed before the run' },
  burstiness: { path: ['load', 'burstiness'], flag: 'burstiness', kind: 'number', bound: limits.burstiness, default: 1, resume: 'kept', describe: 'Gamma arrivals: the shape of the gaps, as vLLM defines it (1: Poisson; below 1: burstier; above 1: more even)' },
  rampUpSeconds: { path: ['load', 'rampUpSeconds'], flag: 'ramp-up', kind: 'number', bound: limits.rampUpSeconds, resume: 'kept', describe: 'Open loop: raise the arrival rate linearly from 0 to --rate over this many seconds' },
  sweep: { path: ['load', 'sweep'], flag: 'sweep', kind: 'text', resume: 'identity', describe: "Run the plan once per step and write the load curve: 'rate=1,2,4,8', 'concurrency=1,4,16', or 'max-rate' (search for the highest rate that meets every --slo)" },
  slo: { path: ['load', 'slo'], flag: 'slo', kind: 'texts', resume: 'kept', describe: "Service-level objective for goodput, in ms: 'ttft<=500', 'tpot<=50', 'e2e<=5000'; repeat for several (a request meets the SLO when it meets all)" },
  goodputTarget: { path: ['load', 'goodputTarget'], flag: 'goodput-target', kind: 'number', bound: limits.fraction, default: 0.95, resume: 'kept', describe: "--sweep max-rate: a step meets the SLO when at least this share of its requests meets every --slo" },
  engine: { path: ['load', 'engine'], flag: 'engine', kind: 'text', default: 'auto', resume: 'kept', describe: 'How requests are sent: sdk (the AI SDK providers), lean (undici and an SSE parser in worker threads; OpenAI-compatible Chat Completions and Responses only), or auto (lean for open-loop load: --rate or a sweep of rates; sdk otherwise)' },
  shard: { path: ['load', 'shard'], flag: 'shard', kind: 'text', resume: 'identity', describe: "Run only shard K of N of the plan ('K/N', 1-based); join the shards' folders with llm-bench merge" },
  startAt: { path: ['load', 'startAt'], flag: 'start-at', kind: 'text', resume: 'fresh', describe: "Open loop: start the schedule at this wall-clock time (ISO 8601, e.g. 2026-12-07T15:00:00Z), to align shards' schedules" },
  warmup: { path: ['run', 'warmup'], flag: 'warmup', kind: 'number', bound: limits.warmup, default: 1, resume: 'kept', describe: 'Unrecorded requests per target before measuring' },
  retries: { path: ['run', 'retries'], flag: 'retries', kind: 'number', bound: limits.retries, default: 3, resume: 'kept', describe: 'Retries after 429, 5xx or network errors' },
  timeoutMs: { path: ['run', 'timeoutMs'], flag: 'timeout-ms', kind: 'number', bound: limits.requestTimeoutMs, default: 60_000, resume: 'kept', describe: 'Bound on one request, ms' },
  stallTimeoutMs: { path: ['run', 'stallTimeoutMs'], flag: 'stall-timeout-ms', kind: 'number', bound: limits.requestTimeoutMs, default: 30_000, resume: 'kept', describe: 'End a request that receives nothing for this long, ms' },
  maxErrorRate: { path: ['run', 'maxErrorRate'], flag: 'max-error-rate', kind: 'number', bound: limits.fraction, default: 0.5, resume: 'kept', describe: 'Stop a target when more of its last 20 requests failed (1: never)' },
  drainSeconds: { path: ['run', 'drainSeconds'], flag: 'drain-seconds', kind: 'number', bound: limits.drainSeconds, default: 30, resume: 'kept', describe: 'After Ctrl-C, wait this long for requests in flight' },
  cache: { path: ['run', 'cache'], flag: 'cache', kind: 'boolean', default: false, resume: 'kept', describe: 'Reuse successful answers to identical requests (never with repeats > 1)' },
  cacheDir: { path: ['run', 'cacheDir'], flag: 'cache-dir', kind: 'text', default: '.llm-bench-cache', resume: 'kept', describe: 'Folder of the response cache; naming one turns the cache on' },
  cacheBust: { path: ['run', 'cacheBust'], flag: 'cache-bust', kind: 'boolean', default: false, resume: 'identity', describe: "Put a per-request nonce at the start of every prompt, so that no request hits a provider's prompt cache (every TTFT is cold)" },
  synthetic: { path: ['synthetic'], flag: 'synthetic', kind: 'texts', resume: 'identity', describe: "Generated cases of given token lengths, from a seeded text source, with or without a dataset: 'input=1000,output=200'; repeat for several shapes" },
  reconcile: { path: ['gateway', 'reconcile'], flag: 'reconcile', kind: 'number', bound: limits.reconcileSample, resume: 'kept', describe: "After the run, fetch the AI Gateway's own record (getGenerationInfo) of up to N generations per target: its cost, latency and generation time beside ours" },
  confirmAbove: { path: ['budget', 'confirmAbove'], flag: 'confirm-above', kind: 'number', bound: limits.budgetUsd, resume: 'fresh', describe: 'Ask before a run whose estimated cost is above this many USD (on a TTY); refuse it off a TTY' },
  prices: { path: ['prices'], flag: 'prices', kind: 'text', resume: 'kept', defaultDescription: '.llm-bench/prices.yaml (written by llm-bench prices --update) when there and newer, else the shipped data/prices.yaml', describe: 'Price table' },
  maxCost: { path: ['budget', 'maxCost'], flag: 'max-cost', kind: 'number', bound: limits.budgetUsd, resume: 'kept', describe: 'Budget in USD; needs max tokens. Scheduling stops before it could be passed' },
  minPassRate: { path: ['gates', 'minPassRate'], flag: 'min-pass-rate', kind: 'number', bound: limits.fraction, resume: 'kept', describe: 'Fail the run (exit code 4) when a one-sided test shows a target passes fewer of its cases, 0..1: the gate pass_rate >= R' },
  gates: { path: ['gates', 'checks'], flag: 'gate', kind: 'texts', resume: 'kept', describe: "Gate: 'FIGURE OP N', 'FIGURE ratio OP N' or 'FIGURE drop OP POINTS' on summary.csv figures; a failed gate is exit code 4; repeat for several" },
  maxDrop: { path: ['gates', 'maxDrop'], flag: 'max-drop', kind: 'number', bound: limits.points, resume: 'kept', describe: 'Fail the run (exit code 4) when the pass rate is shown to drop more than this many points below the baseline run: the gate pass_rate drop <= POINTS' },
  baselineRun: { path: ['gates', 'baselineRun'], flag: 'baseline-run', kind: 'text', resume: 'kept', describe: 'A past run folder that drop and ratio gates compare with, case by case' },
  alpha: { path: ['gates', 'alpha'], flag: 'alpha', kind: 'number', bound: limits.alpha, default: 0.05, resume: 'kept', describe: 'Gates: the one-sided error rate; a healthy figure at exactly its threshold fails at most this share of runs' },
  midP: { path: ['gates', 'midP'], flag: 'mid-p', kind: 'boolean', default: false, resume: 'kept', describe: 'Gates: mid-p binomial tests instead of exact ones (nearer alpha on average, no longer bounded by it)' },
  powerMargin: { path: ['gates', 'powerMargin'], flag: 'power-margin', kind: 'number', bound: limits.powerMargin, default: 0.05, resume: 'kept', describe: 'Gates: power is stated against a figure this far past the threshold (0.05: a rate 5 points worse)' },
  baseline: { path: ['baseline'], flag: 'baseline', kind: 'text', resume: 'kept', defaultDescription: 'the first target', describe: 'Target label the others are compared with' },
  reporters: { path: ['reporters'], flag: 'reporter', kind: 'texts', resume: 'kept', defaultDescription: 'all built-in reports', describe: 'Reporter name or module path; repeat for several (options: in the eval file)' },
  out: { path: ['out'], flag: 'out', alias: 'o', kind: 'text', resume: 'fresh', defaultDescription: 'reports/<timestamp>-<id>', describe: 'Run folder' },
  seed: { path: ['simulator', 'seed'], flag: 'seed', kind: 'number', bound: limits.seed, default: 1, resume: 'kept', describe: 'Seed of the simulator and of the arrival schedule: the same seed gives the same latencies, answers, faults and arrivals' },
  answerBooks: { path: ['simulator', 'answerBooks'], flag: 'answer-books', kind: 'boolean', default: true, resume: 'kept', describe: "Let the simulator answer a dataset's cases from its answer book (answer-books/<name>.answers.jsonl beside it), when there is one" },
  quiet: { path: ['output', 'quiet'], flag: 'quiet', alias: 'q', kind: 'boolean', default: false, resume: 'fresh', describe: 'No live progress on stderr' },
  wide: { path: ['output', 'wide'], flag: 'wide', kind: 'boolean', default: false, resume: 'fresh', describe: "Every column of the terminal summary, however wide (default: the most important ones, within the terminal's width and 100 columns)" },
  json: { path: ['output', 'json'], flag: 'json', kind: 'boolean', default: false, resume: 'fresh', describe: 'Print the summary as JSON on stdout (schema/summary.schema.json), and nothing else there' },
});

export type RunSettingName = keyof typeof runSettings;
