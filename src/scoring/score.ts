/** The verdict on one answer. */
export type Score = {
  /** 0..1 */
  score: number;
  passed: boolean;
  reason: string;
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
