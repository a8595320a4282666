export type { JudgeUsage, Score, ScoringInput } from '../records/score.ts';
export type { Judge, JudgeRequest, JudgeVerdict, Scorer, ScorerContext, ScorerFactory, ScorerRegistry, ScoringContext } from './scorer.ts';
export { createScorer } from './create-scorer.ts';
export { scoreCase } from './score-case.ts';
export { scorers } from './scorers.ts';
export type { CustomScorer } from './custom.ts';
export { buildJudgePrompt } from './judge-prompt.ts';
export { parseJudgeVerdict } from './parse-judge-verdict.ts';
