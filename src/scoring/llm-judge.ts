import type { JudgeUsage, Score } from '../records/score.ts';
import type { JudgeVerdict, ScorerFactory } from './scorer.ts';

const defaultThreshold = 0.5;

function usageOf(verdict: JudgeVerdict): JudgeUsage {
  return {
    ...(verdict.usage?.inputTokens !== undefined && { inputTokens: verdict.usage.inputTokens }),
    ...(verdict.usage?.outputTokens !== undefined && { outputTokens: verdict.usage.outputTokens }),
    ...(verdict.costUsd !== undefined && { costUsd: verdict.costUsd }),
  };
}

function unscored(reason: string, judge?: JudgeUsage): Score {
  return { score: 0, passed: false, unscored: true, reason, ...(judge !== undefined && { judge }) };
}

/**
 * Asks a judge model to grade the answer against `rubric`. The judge is injected by the caller
 * (ScoringContext.judge), which owns targets and the network. Without a judge, or when it fails
 * or gives no score, the answer is left unscored: nothing showed it wrong, and counting it as
 * failed would blame the target for the judge.
 */
export const llmJudge: ScorerFactory<'llm-judge'> = (assertion) => async ({ output }, context) => {
  if (context.judge === undefined) return unscored('no judge model configured for llm-judge');
  let verdict: JudgeVerdict;
  try {
    verdict = await context.judge({
      rubric: assertion.rubric,
      ...(assertion.judge !== undefined && { judge: assertion.judge }),
      testCase: context.testCase,
      output,
      ...(context.signal !== undefined && { signal: context.signal }),
    });
  } catch (error) {
    return unscored(`judge failed: ${(error as Error).message}`);
  }
  // A judge written in JavaScript may resolve to nothing at all.
  if (typeof verdict !== 'object' || verdict === null) return unscored('judge gave no verdict');
  const judge = usageOf(verdict);
  if (typeof verdict.score !== 'number' || !Number.isFinite(verdict.score)) {
    return unscored(`judge gave no score${verdict.reason ? `: ${verdict.reason}` : ''}`, judge);
  }
  // A judge grading out of 10 or 100 did not say 85 means perfect; clamping would pass the answer.
  if (verdict.score < 0 || verdict.score > 1) return unscored(`judge gave a score outside 0..1 (${verdict.score}): ${verdict.reason}`, judge);
  const threshold = assertion.threshold ?? defaultThreshold;
  const score = verdict.score;
  const passed = score >= threshold;
  return { score, passed, reason: `judge ${score.toFixed(2)} ${passed ? '>=' : '<'} ${threshold}: ${verdict.reason}`, judge };
};
