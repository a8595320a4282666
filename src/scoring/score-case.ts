import { assertionSchema } from '../config/assertion-schema.ts';
import type { Assertion, Case } from '../datasets/case.ts';
import { defaultAssertion } from '../datasets/default-assertion.ts';
import { createScorer } from './create-scorer.ts';
import type { Score, ScoringInput } from './score.ts';
import type { Scorer, ScoringContext } from './scorer.ts';

// Scorers are built once per assertion object: a regex or JSON Schema compiles once per run, not per attempt.
const built = new WeakMap<Assertion, Scorer>();

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

/**
 * Scores one answer against its case's assertions. Each assertion gives a score 0..1; the case's
 * score is their weighted mean (weight 1 unless set; all weights 0 counts them equally). The
 * case passes when every assertion passes, weight 0 included: weight says how much an assertion
 * moves the score, not whether it may fail. Undefined when there is nothing to score.
 */
export async function scoreCase(testCase: Case, input: ScoringInput, context: ScoringContext = {}): Promise<Score | undefined> {
  const assertions = testCase.assert.length > 0 ? testCase.assert : testCase.expected !== undefined ? [defaultAssertion(testCase.expected)] : [];
  if (assertions.length === 0) return undefined;
  const fullContext = { ...context, datasetDir: context.datasetDir ?? testCase.datasetDir };
  const scores = await Promise.all(assertions.map((assertion) => runScorer(assertion, input, fullContext, testCase)));
  const weights = assertions.map((assertion) => (typeof assertion.weight === 'number' && assertion.weight >= 0 ? assertion.weight : 1));
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const score =
    totalWeight > 0
      ? scores.reduce((sum, { score }, index) => sum + score * (weights[index] ?? 1), 0) / totalWeight
      : scores.reduce((sum, { score }) => sum + score, 0) / scores.length;
  const failures = scores.flatMap(({ passed, reason }, index) => (passed ? [] : [`${assertions[index]?.type}: ${reason}`]));
  const passed = failures.length === 0;
  const reason = passed ? scores.map(({ reason }) => reason).join('; ') : failures.join('; ');
  return { score, passed, reason };
}
