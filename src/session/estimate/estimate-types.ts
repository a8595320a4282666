import type { PriceRow } from '../../config/price-table-schema.ts';

/** How a call's input tokens were counted: OpenAI's tokenizer, or the declared approximation for other models. */
export type Tokenizer = 'o200k' | 'chars/4';

/** What the estimate needs of a target: its label, model, price and whether the simulator serves it. */
export type CallTarget = {
  label: string;
  spec: { modelId: string };
  price?: PriceRow;
  simulated: boolean;
  maxOutputTokens?: number;
};

/**
 * Where a target's expected output tokens come from: the mean of a past run's answers, the max
 * tokens (the worst case, when no past run says better), or both (some calls each way).
 */
export type ExpectedOutputSource = 'past run' | 'max tokens' | 'past run and max tokens';

/** One target's share of a run, before anything is sent. A figure that cannot be known is undefined, never 0. */
export type TargetEstimate = {
  target: string;
  /** Served by the simulator: nothing is paid, so its USD figures are 0. */
  simulated: boolean;
  /** Calls to send: every step of a multi-call case, every repeat and prompt variant, and the warm-ups. */
  requests: number;
  warmups: number;
  /** Input tokens as the prompts are written, with the expected answers that later steps embed (the worst ones when no expected figure is known). */
  inputTokens: number;
  /** The input when every embedded answer is as long as max tokens allows; undefined without max tokens where a step embeds another's answer. */
  worstInputTokens?: number;
  /** True when an embedded answer's length is unknown: `inputTokens` is then a lower bound. */
  inputLowerBound: boolean;
  tokenizers: Tokenizer[];
  /** Image parts sent, whose tokens are not in `inputTokens`. */
  images: number;
  expectedOutputTokens?: number;
  expectedFrom?: ExpectedOutputSource;
  worstOutputTokens?: number;
  /** The input alone, at the price table's input price (the cached-input price is never assumed). */
  inputUsd?: number;
  expectedUsd?: number;
  worstUsd?: number;
  /** Labels of the targets its calls go to (itself, a step's own target) that have no price row. */
  unpriced: string[];
};

export type EstimateTotal = Omit<TargetEstimate, 'target' | 'simulated' | 'tokenizers' | 'expectedFrom' | 'unpriced'> & {
  /** Calls to targets that are paid for (not simulated). */
  paidRequests: number;
};

export type RunEstimate = {
  targets: TargetEstimate[];
  total: EstimateTotal;
  /** The run's --max-tokens, when set (a target's or a case's own limit wins over it). */
  maxTokens?: number;
  /** The past run the expected output came from (`--from-run`). */
  fromRun?: string;
};
