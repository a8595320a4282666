import type { AssertionOf, ScorerType } from '../config/assertion-schema.ts';
import type { Case } from '../datasets/case.ts';
import type { Score, ScoringInput } from '../records/score.ts';

/** What an `llm-judge` assertion asks of the judge the caller injects. */
export type JudgeRequest = {
  rubric: string;
  /** Target spec from the assertion; the caller's default judge when undefined. */
  judge?: string;
  testCase: Case;
  output: string;
  signal?: AbortSignal;
};

/** What a judge says of one answer, and what asking it took. */
export type JudgeVerdict = {
  /** 0..1; undefined when the judge's reply held no verdict (what it took still counts). */
  score?: number;
  reason: string;
  usage?: { inputTokens?: number; outputTokens?: number };
  costUsd?: number;
};

/**
 * Grades an answer against a rubric. May throw: a failed judge leaves the answer unscored,
 * never failed, since the answer was not shown to be wrong.
 */
export type Judge = (request: JudgeRequest) => Promise<JudgeVerdict>;

/** What the caller of scoreCase may provide beyond the answer. */
export type ScoringContext = {
  /** Folder custom scorer modules resolve in; the case's `datasetDir` when not given. */
  datasetDir?: string;
  judge?: Judge;
  signal?: AbortSignal;
};

/** What a scorer is given besides the answer: the caller's context and the case being scored. */
export type ScorerContext = ScoringContext & { testCase: Case };

export type Scorer = (input: ScoringInput, context: ScorerContext) => Score | Promise<Score>;

/** Builds the scorer for one configured assertion; expensive set-up (regex, JSON Schema) happens once. */
export type ScorerFactory<Type extends ScorerType = ScorerType> = (assertion: AssertionOf<Type>) => Scorer;

/** One factory per scorer type: a type without an implementation does not compile. */
export type ScorerRegistry = { [Type in ScorerType]: ScorerFactory<Type> };
