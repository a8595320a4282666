import type { ScorerFactory } from './scorer.ts';

const defaultThreshold = 0.5;

/**
 * Asks a judge model to grade the answer against `rubric`. The judge is injected by the caller
 * (ScoringContext.judge), which owns targets and the network; without one the assertion fails
 * with a reason rather than passing unchecked.
 */
export const llmJudge: ScorerFactory<'llm-judge'> = (assertion) => async ({ output }, context) => {
  if (context.judge === undefined) {
    return { score: 0, passed: false, reason: 'no judge model configured for llm-judge' };
  }
  const verdict = await context.judge({
    rubric: assertion.rubric,
    ...(assertion.judge !== undefined && { judge: assertion.judge }),
    testCase: context.testCase,
    output,
    ...(context.signal !== undefined && { signal: context.signal }),
  });
  const threshold = assertion.threshold ?? defaultThreshold;
  const score = Math.min(1, Math.max(0, verdict.score));
  const passed = score >= threshold;
  return { score, passed, reason: `judge ${score.toFixed(2)} ${passed ? '>=' : '<'} ${threshold}: ${verdict.reason}` };
};
