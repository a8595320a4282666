import { assertionSchema } from '../config/assertion-schema.ts';
import type { Assertion, Case } from '../datasets/case.ts';
import { defaultAssertion } from '../datasets/default-assertion.ts';
import { createScorer } from './create-scorer.ts';
import type { JudgeUsage, Score, ScoringInput } from '../records/score.ts';
import type { Scorer, ScoringContext } from './scorer.ts';

// Scorers are built once per assertion object: a regex or JSON Schema compiles once per run, not per attempt.
const built = new WeakMap<Assertion, Scorer>();
// Likewise the fallback assertions of a case built by hand (loadDataset puts them in `assert`).
const fallbacks = new WeakMap<Case, Assertion[]>();

function scorerFor(assertion: Assertion): Scorer {
  const cached = built.get(assertion);
  if (cached) return cached;
  // Cases from loadDataset are already valid; one built by hand is checked here rather than trusted.
  const parsed = assertionSchema.safeParse(assertion);
  const scorer: Scorer = parsed.success
    ? createScorer(parsed.data)
    : () => ({ score: 0, passed: false, reason: `invalid assertion: ${parsed.error.issues.map((issue) => issue.message).join('; ')}` });
  built.set(assertion, scorer);
  return scorer;
}

function assertionsOf(testCase: Case): Assertion[] {
  if (testCase.assert.length > 0) return testCase.assert;
  let assertions = fallbacks.get(testCase);
  if (assertions === undefined) {
    assertions = testCase.schema !== undefined ? [{ type: 'json', schema: testCase.schema }] : testCase.expected !== undefined ? [defaultAssertion(testCase.expected)] : [];
    fallbacks.set(testCase, assertions);
  }
  return assertions;
}

async function runScorer(assertion: Assertion, input: ScoringInput, context: ScoringContext, testCase: Case): Promise<Score> {
  try {
    const score = await scorerFor(assertion)(input, { ...context, testCase });
    const clamped = Number.isFinite(score.score) ? Math.min(1, Math.max(0, score.score)) : 0;
    return { ...score, score: clamped };
  } catch (error) {
    // One broken scorer (a throwing custom module) fails its assertion, not the run.
    return { score: 0, passed: false, reason: `scorer failed: ${(error as Error).message}` };
  }
}

/** Judge usage summed over assertions; a total is unknown when any call's figure is. */
function totalJudgeUsage(usages: JudgeUsage[]): JudgeUsage | undefined {
  if (usages.length === 0) return undefined;
  const total = (key: keyof JudgeUsage) =>
    usages.every((usage) => usage[key] !== undefined) ? usages.reduce((sum, usage) => sum + (usage[key] ?? 0), 0) : undefined;
  const [inputTokens, outputTokens, costUsd] = [total('inputTokens'), total('outputTokens'), total('costUsd')];
  return { ...(inputTokens !== undefined && { inputTokens }), ...(outputTokens !== undefined && { outputTokens }), ...(costUsd !== undefined && { costUsd }) };
}

function weightedMean(scores: Score[], weights: number[]): number {
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  if (scores.length === 0) return 0;
  return totalWeight > 0
    ? scores.reduce((sum, { score }, index) => sum + score * (weights[index] ?? 1), 0) / totalWeight
    : scores.reduce((sum, { score }) => sum + score, 0) / scores.length;
}

/**
 * Scores one answer against its case's assertions. Each assertion gives a score 0..1; the case's
 * score is their weighted mean (weight 1 unless set; all weights 0 counts them equally). The
 * case passes when every assertion passes, weight 0 included: weight says how much an assertion
 * moves the score, not whether it may fail. Undefined when there is nothing to score.
 *
 * An assertion without a verdict (an llm-judge whose judge is missing or failed) counts for
 * nothing: the case fails when another assertion failed, and is otherwise `unscored` (score 0,
 * not passed, to be left out of pass rates), never failed for the judge's sake.
 */
export async function scoreCase(testCase: Case, input: ScoringInput, context: ScoringContext = {}): Promise<Score | undefined> {
  const assertions = assertionsOf(testCase);
  if (assertions.length === 0) return undefined;
  const fullContext = { ...context, datasetDir: context.datasetDir ?? testCase.datasetDir };
  const results = await Promise.all(assertions.map(async (assertion) => ({ assertion, score: await runScorer(assertion, input, fullContext, testCase) })));
  const judge = totalJudgeUsage(results.flatMap(({ score }) => (score.judge ? [score.judge] : [])));
  const judged = { ...(judge !== undefined && { judge }) };
  const scored = results.filter(({ score }) => !score.unscored);
  const unscoredReasons = results.flatMap(({ assertion, score }) => (score.unscored ? [`${assertion.type}: ${score.reason}`] : []));
  const failures = scored.flatMap(({ assertion, score }) => (score.passed ? [] : [`${assertion.type}: ${score.reason}`]));
  if (failures.length === 0 && unscoredReasons.length > 0) {
    const passedReasons = scored.map(({ score }) => score.reason);
    return { score: 0, passed: false, unscored: true, reason: [...unscoredReasons, ...passedReasons].join('; '), ...judged };
  }
  const weights = scored.map(({ assertion }) => (typeof assertion.weight === 'number' && assertion.weight >= 0 ? assertion.weight : 1));
  const score = weightedMean(scored.map((result) => result.score), weights);
  const passed = failures.length === 0;
  const reason = passed ? scored.map((result) => result.score.reason).join('; ') : [...failures, ...unscoredReasons].join('; ');
  return { score, passed, reason, ...judged };
}
