import type { AssertionOf, ScorerType } from '../config/assertion-schema.ts';
import type { Scorer, ScorerRegistry } from './scorer.ts';
import { scorers } from './scorers.ts';

const registry: ScorerRegistry = scorers;

/** The scorer for one validated assertion, looked up by its type. */
export function createScorer<Type extends ScorerType>(assertion: AssertionOf<Type>): Scorer {
  const factory = registry[assertion.type as Type];
  return factory(assertion);
}
