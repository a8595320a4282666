/** What grading an answer took in judge-model calls: apart from the answer's own usage and cost. */
export type JudgeUsage = {
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
};

/** The verdict on one answer. */
export type Score = {
  /** 0..1 */
  score: number;
  passed: boolean;
  reason: string;
  /**
   * No verdict could be reached: an llm-judge had no judge, or its judge failed or gave no
   * score. Such a score is neither passed nor failed and must be left out of pass rates and
   * score means; `passed` is false and `score` 0 only so the fields keep their types.
   */
  unscored?: true;
  /** The judge calls made to grade this answer (llm-judge), summed over its assertions. */
  judge?: JudgeUsage;
};

/** What a scorer sees of an attempt. */
export type ScoringInput = {
  output: string;
  ttftMs?: number;
  e2eMs?: number;
  costUsd?: number;
  /** Tools the model called, with their parsed arguments, in order. */
  toolCalls?: Array<{ name: string; arguments: unknown }>;
};
