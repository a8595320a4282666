import type { CasePair } from '../../src/stats/case-comparison.ts';
import type { CaseOutcome } from '../../src/stats/case-outcomes.ts';
import { logistic, spread, type PairModel } from './population.ts';
import type { Random } from './random.ts';

export type Draw = { cases: number; repeats: number; /** Chance that a request goes unanswered (a failure in the primary analysis). */ unanswered?: number };

/** One case's outcome: each repeat answered with probability 1 − unanswered, then passed with `probability`. */
export function caseOutcome(random: Random, index: number, probability: number, draw: Draw): CaseOutcome {
  const verdicts: boolean[] = [];
  let answered = 0;
  let passed = 0;
  for (let repeat = 0; repeat < draw.repeats; repeat++) {
    if (draw.unanswered && random.uniform() < draw.unanswered) {
      verdicts.push(false);
      continue;
    }
    answered++;
    const pass = random.uniform() < probability;
    if (pass) passed++;
    verdicts.push(pass);
  }
  const caseId = `case-${index}`;
  return { key: caseId, caseId, slots: draw.repeats, answered, scored: answered, passed, unscored: 0, ttftMs: [], e2eMs: [], outputTps: [], costUsd: undefined, verdicts };
}

/** One run of `draw.cases` cases drawn from the population at `location`. */
export function simulateRun(random: Random, location: number, draw: Draw): CaseOutcome[] {
  return Array.from({ length: draw.cases }, (_, index) => caseOutcome(random, index, logistic(location + spread * random.normal()), draw));
}

/** Two runs of the same `draw.cases` cases, their latents correlated as the model says. */
export function simulatePairs(random: Random, model: PairModel, draw: Draw): CasePair[] {
  const rest = Math.sqrt(1 - model.correlation * model.correlation);
  return Array.from({ length: draw.cases }, (_, index) => {
    const latent = random.normal();
    const currentLatent = model.correlation * latent + rest * random.normal();
    const base = caseOutcome(random, index, logistic(model.baseLocation + spread * latent), draw);
    const current = caseOutcome(random, index, logistic(model.currentLocation + spread * currentLatent), draw);
    return { key: base.key, caseId: base.caseId, base, current };
  });
}
