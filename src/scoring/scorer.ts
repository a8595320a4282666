import type { AssertionOf, ScorerType } from '../config/assertion-schema.ts';
import type { Case } from '../datasets/case.ts';
import type { Score, ScoringInput } from './score.ts';

/** What an `llm-judge` assertion asks of the judge the caller injects. */
export type JudgeRequest = {
  rubric: string;
  /** Target spec from the assertion; the caller's default judge when undefined. */
  judge?: string;
  testCase: Case;
  output: string;
  signal?: AbortSignal;
};

/** Grades an answer against a rubric: score 0..1 and why. */
export type Judge = (request: JudgeRequest) => Promise<{ score: number; reason: string }>;

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
