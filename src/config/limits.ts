
/**
 * The bounds of every number a user gives llm-bench: the flags of every command and the numeric
 * fields of the files they write (datasets, prompt files, mock profiles, price tables). Declared
 * once, so a flag and a file field that mean the same thing accept the same values, and a message
 * can name the range.
 *
 * A number outside these bounds is a typo or an attack, and some would break a run quietly rather
 * than loudly: Node runs a timer longer than 2^31-1 ms after 1 ms (`TimeoutOverflowWarning`), so
 * `--timeout-ms 99999999999` once failed every request at once; `--repeats 1000000000` built a plan
 * of 4 GB before sending anything.
 */

/** The longest delay `setTimeout` takes; a longer one fires after 1 ms. */
export const maxTimerMs = 2_147_483_647;

/** 24 hours in ms: the longest wait any setting may ask for (well inside a timer, with room for sums). */
const dayMs = 86_400_000;

export type NumberBound = {
  minimum: number;
  maximum: number;
  /** Only whole numbers. */
  integer?: boolean;
  /** The minimum itself is refused: a budget of 0 USD, a speed of 0 tokens per second. */
  aboveMinimum?: boolean;
  /** What the number counts, shown after the range: `ms`, `seconds`, `USD`. */
  unit?: string;
  /** The maximum in words, when its digits do not say it: `24 h`. */
  maximumInWords?: string;
};

export const limits = {
  /** Requests in flight, overall or per target: each is an open socket. */
  concurrency: { minimum: 1, maximum: 10_000, integer: true },
  /** Times each case is sent to each target. */
  repeats: { minimum: 1, maximum: 100_000, integer: true },
  /** Unrecorded requests per target before measuring. */
  warmup: { minimum: 0, maximum: 1000, integer: true },
  /** Retries of one request. */
  retries: { minimum: 0, maximum: 100, integer: true },
  /** Output tokens of one answer. */
  maxTokens: { minimum: 1, maximum: 1_000_000, integer: true },
  temperature: { minimum: 0, maximum: 2 },
  /** A bound on one request (`--timeout-ms`, `--stall-timeout-ms`). */
  requestTimeoutMs: { minimum: 1, maximum: dayMs, integer: true, unit: 'ms', maximumInWords: '24 h' },
  drainSeconds: { minimum: 0, maximum: 86_400, integer: true, unit: 'seconds', maximumInWords: '24 h' },
  /** New requests per second: from one every 1000 s. */
  rate: { minimum: 0.001, maximum: 10_000, unit: 'requests per second' },
  /** Gamma arrivals' shape (vLLM's burstiness): 1 is Poisson. */
  burstiness: { minimum: 0.01, maximum: 100 },
  rampUpSeconds: { minimum: 0, maximum: 86_400, unit: 'seconds' },
  /** A budget in USD (`--max-cost`, a `cost` assertion's `max_usd`). */
  budgetUsd: { minimum: 0, maximum: 1_000_000, aboveMinimum: true, unit: 'USD' },
  /** `--reconcile N`: generations per target whose gateway record is fetched after the run. */
  reconcileSample: { minimum: 1, maximum: 10_000, integer: true, unit: 'generations' },
  /** A share: a pass rate, an error rate, a probability, a score threshold. */
  fraction: { minimum: 0, maximum: 1 },
  /**
   * A gate's one-sided error rate. Percentile and ratio gates decide on an interval at 1 − 2α,
   * which needs α below 0.5; past 0.25 a gate fails a healthy run one time in four.
   */
  alpha: { minimum: 0.001, maximum: 0.25 },
  /** How far past a gate's threshold its power is stated, as a share (0.05: 5 points). */
  powerMargin: { minimum: 0, maximum: 0.5, aboveMinimum: true },
  /** A change of a rate in percentage points (`--max-drop 5`). */
  points: { minimum: 0, maximum: 100, unit: 'points' },
  port: { minimum: 0, maximum: 65_535, integer: true },
  /** The simulator's seed: its generator keeps 32 bits. */
  seed: { minimum: 0, maximum: 4_294_967_295, integer: true },
  /** A duration in a file: a simulated time to first token, a latency bound. */
  durationMs: { minimum: 0, maximum: dayMs, unit: 'ms', maximumInWords: '24 h' },
  /** A latency an answer must beat (`latency` assertion): 0 could never pass. */
  latencyBoundMs: { minimum: 0, maximum: dayMs, aboveMinimum: true, unit: 'ms', maximumInWords: '24 h' },
  /** A price table's or a profile's USD per million tokens. */
  usdPerMillionTokens: { minimum: 0, maximum: 1_000_000, unit: 'USD per million tokens' },
  /** An assertion's weight in its case's combined score. */
  weight: { minimum: 0, maximum: 1_000_000 },
  /** A numeric assertion's tolerance: any finite size, but not so large that sums overflow. */
  tolerance: { minimum: 0, maximum: 1e15 },
  /** A simulated model's speed. */
  tokensPerSecond: { minimum: 0.001, maximum: 1_000_000, unit: 'tokens per second' },
  /** Tokens a simulated model sends per chunk. */
  tokensPerChunk: { minimum: 1, maximum: 100_000, integer: true },
  /** A simulated model's context window, in tokens. */
  contextWindow: { minimum: 1, maximum: 100_000_000, integer: true },
  /** Output tokens a simulated model writes or pads an answer to: each is allocated. */
  outputTokens: { minimum: 1, maximum: 1_000_000, integer: true },
  /** Uses of one fault plan entry. */
  faultCount: { minimum: 1, maximum: 1_000_000_000, integer: true },
  /** Content chunks before a planned fault. */
  chunkCount: { minimum: 0, maximum: 1_000_000, integer: true },
  /** Requests in one run's plan: cases × targets × prompts × repeats. */
  plannedRequests: { minimum: 0, maximum: 1_000_000, integer: true },
} as const satisfies Record<string, NumberBound>;

/** `an integer from 1 to 86400000 ms (24 h)`, `a number above 0 and at most 1000000 USD`. */
export function describeBound(bound: NumberBound): string {
  const kind = bound.integer ? 'an integer' : 'a number';
  const range = bound.aboveMinimum ? `above ${bound.minimum} and at most ${bound.maximum}` : `from ${bound.minimum} to ${bound.maximum}`;
  const unit = bound.unit ? ` ${bound.unit}` : '';
  const words = bound.maximumInWords ? ` (${bound.maximumInWords})` : '';
  return `${kind} ${range}${unit}${words}`;
}

/** Whether a value lies inside the bound: NaN, Infinity and non-numbers never do. */
export function withinBound(bound: NumberBound, value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (bound.integer && !Number.isInteger(value)) return false;
  if (bound.aboveMinimum ? value <= bound.minimum : value < bound.minimum) return false;
  return value <= bound.maximum;
}

/**
 * The problem with a flag's value, or undefined when it is fine (or not given), in p-queue's
 * style: ``Expected --timeout-ms to be an integer from 1 to 86400000 ms (24 h), got `99999999999` ``.
 */
export function flagProblem(flag: string, bound: NumberBound, value: unknown): string | undefined {
  if (value === undefined || withinBound(bound, value)) return undefined;
  return `Expected --${flag} to be ${describeBound(bound)}, got \`${shownValue(value)}\``;
}

/**
 * How every number flag is declared: read as the text given and made a number here, because
 * yargs' own number type reads an empty value (an unset CI variable: `--min-pass-rate "$GATE"`)
 * as 0. An empty or blank value stays text, which flagProblem refuses, quoting it (`got ""`).
 */
// Typed as a number, as yargs' number type was (it too gave a list for a flag given twice): text
// and lists never pass flagProblem, which every number flag goes through before it is used.
export const numberFlagOption = { type: 'string', requiresArg: true, coerce: readNumberFlag as (value: unknown) => number } as const;

function readNumberFlag(value: unknown): number | string | (number | string)[] {
  if (Array.isArray(value)) return value.map((item) => readNumberFlag(item) as number | string);
  if (typeof value !== 'string' || value.trim() === '') return typeof value === 'number' ? value : String(value);
  // Text that is no number stays text, so that the refusal quotes what was given (`got \`abc\``), not `NaN`.
  const number = Number(value);
  return Number.isNaN(number) ? value : number;
}

/**
 * The problem with a text flag given an empty or blank value (an unset variable: `--out "$DIR"`),
 * which would otherwise change its meaning: `--host ""` listens on every interface, `--out ""`
 * writes into the current folder. Undefined when the flag is not given or has text; a flag
 * given several times is checked for each value.
 */
export function emptyFlagProblem(flag: string, value: unknown): string | undefined {
  const values = Array.isArray(value) ? value : [value];
  if (!values.some((item) => typeof item === 'string' && item.trim() === '')) return undefined;
  const blank = values.find((item) => typeof item === 'string' && item.trim() === '') as string;
  return `Expected --${flag} to be a non-empty value, got ${JSON.stringify(blank)}`;
}

/** A value as a message quotes it: numbers as they are, text in quotes, anything else by its type. */
export function shownValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.map(shownValue).join(', ');
  return typeof value;
}
