/** One step of a sweep: the settings it ran with and where its run folder is. */
export type SweepStep = {
  /** 1-based, in the order run. */
  step: number;
  /** The step's run folder, relative to the sweep's folder: `step-1-rate-2`. */
  folder: string;
  /** Open-loop steps: the arrival rate asked, requests/s. */
  rate?: number;
  /** Closed-loop steps: requests in flight. */
  concurrency?: number;
  /** Stopped before its plan was done (Ctrl-C, a stopped target, the budget). */
  incomplete: boolean;
  /** With --slo: whether every target's goodput reached --goodput-target. */
  meetsSlo?: boolean;
  /** The harness's check on itself in this step (run.json's `harness`): saturated, and why. */
  harness?: { saturated: boolean; reasons: string[] };
};

/**
 * One point of the load curve: a (step, target, prompt). Figures come from the step's summary; a
 * figure that could not be known is undefined (an empty cell), never 0. Percentiles follow the
 * summary's rule: undefined when the step has too few samples to bound them (p99 needs 368).
 */
export type SweepRow = {
  step: number;
  folder: string;
  rate: number | undefined;
  concurrency: number | undefined;
  target: string;
  prompt: string;
  /** Requests (slots) sent. */
  requests: number;
  /** Requests sent per second, over the span of their send times. */
  achievedRps: number | undefined;
  /** TTFT counted from the scheduled time: what a user behind the load feels (open loop). */
  ttftFromScheduledP50Ms: number | undefined;
  ttftFromScheduledP99Ms: number | undefined;
  /** TTFT counted from the send. */
  ttftP50Ms: number | undefined;
  ttftP99Ms: number | undefined;
  e2eFromScheduledP50Ms: number | undefined;
  e2eFromScheduledP99Ms: number | undefined;
  e2eP50Ms: number | undefined;
  e2eP99Ms: number | undefined;
  /** Output tokens of every answer together, per second of the step (first send to last answer). */
  outputTokensPerSecond: number | undefined;
  /** With --slo: the share of requests that met every objective (cases as the unit), its 95% interval and n. */
  goodput: number | undefined;
  goodputCiLow: number | undefined;
  goodputCiHigh: number | undefined;
  goodputCases: number | undefined;
  /** Requests per second that met every objective. */
  goodputRps: number | undefined;
  /** Requests that ended without an answer. */
  errors: number;
  /** Whether the harness was saturated in this step (its figures may show the harness's limit); undefined when not checked. */
  harnessSaturated: boolean | undefined;
};

/** A sweep's result: its steps, the curve, and for `max-rate` the highest rate that met the SLO. */
export type SweepCurve = {
  /** As given: `rate=1,2,4`, `concurrency=1,4`, `max-rate`. */
  spec: string;
  kind: 'rate' | 'concurrency' | 'max-rate';
  /** Open-loop steps' arrival process. */
  arrival: string | undefined;
  /** The objectives, as `ttft<=500;e2e<=5000`; undefined without --slo. */
  slo: string | undefined;
  goodputTarget: number;
  steps: SweepStep[];
  rows: SweepRow[];
  /** `max-rate`: the highest rate whose step met the SLO; undefined when none did. */
  maxRate?: number | undefined;
  /** Ctrl-C ended the sweep: the curve holds the steps done. */
  interrupted: boolean;
  /** Targets served by the built-in simulator: their figures are illustrative. */
  simulatedTargets: string[];
};
