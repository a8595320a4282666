import type { ScorerType } from '../config/assertion-schema.ts';
import type { Scorer } from './scorer.ts';

/** Temporary stand-in while a scorer is being written: fails every answer, saying why. */
export const notImplemented = (type: ScorerType) => (): Scorer => () => ({
  score: 0,
  passed: false,
  reason: `scorer "${type}" is not implemented yet`,
});
