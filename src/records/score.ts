import { z } from 'zod';

export const judgeUsageSchema = z
  .object({
    inputTokens: z.number().optional(),
    outputTokens: z.number().optional(),
    costUsd: z.number().optional().describe('Unknown cost is absent, never 0.'),
  })
  .meta({ id: 'JudgeUsage', description: "What grading the answer took in judge-model calls, apart from the answer's own usage and cost." });
/** What grading an answer took in judge-model calls: apart from the answer's own usage and cost. */
export type JudgeUsage = z.infer<typeof judgeUsageSchema>;

export const scoreSchema = z
  .object({
    score: z.number().describe('0..1'),
    passed: z.boolean(),
    reason: z.string(),
    // Such a score must be left out of pass rates and score means; `passed` is false and `score`
    // 0 only so the fields keep their types.
    unscored: z
      .literal(true)
      .optional()
      .describe('No verdict could be reached (an llm-judge had no judge, or its judge failed or gave no score): neither passed nor failed.'),
    judge: judgeUsageSchema.optional().describe('The judge calls made to grade this answer (llm-judge), summed over its assertions.'),
  })
  .meta({ id: 'Score', description: "The verdict on one answer: present on answered attempts whose case has assertions." });
/** The verdict on one answer. */
export type Score = z.infer<typeof scoreSchema>;

/** What a scorer sees of an attempt. */
export type ScoringInput = {
  output: string;
  ttftMs?: number;
  e2eMs?: number;
  costUsd?: number;
  /** Tools the model called, with their parsed arguments, in order. */
  toolCalls?: Array<{ name: string; arguments: unknown }>;
  /** Output tokens of the answer as the provider reported them (usage.outputTokens). */
  outputTokens?: number;
  /** Why the model stopped, as the provider said (`length` at max tokens). */
  finishReason?: string;
};
