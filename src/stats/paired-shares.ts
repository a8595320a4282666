import type { CasePair } from './case-comparison.ts';
import type { CaseOutcome } from './case-outcomes.ts';
import type { PairedCounts } from './paired-difference.ts';

/** One case's figure on both sides: a pass share, a failure share. */
export type PairedShare = { base: number; current: number };

/** The figure of every case that has it on both sides, in the pairs' order. */
export function pairedShares(pairs: readonly CasePair[], share: (outcome: CaseOutcome) => number | undefined): PairedShare[] {
  return pairs.flatMap((pair) => {
    const base = share(pair.base);
    const current = share(pair.current);
    return base === undefined || current === undefined ? [] : [{ base, current }];
  });
}

/** With one repeat each share is 0 or 1: the 2×2 table McNemar reads (`onlyOther` is the current side). */
export function pairedCounts(shares: readonly PairedShare[]): PairedCounts {
  const counts = { both: 0, onlyBaseline: 0, onlyOther: 0, neither: 0 };
  for (const pair of shares) {
    if (pair.base === 1 && pair.current === 1) counts.both++;
    else if (pair.base === 1) counts.onlyBaseline++;
    else if (pair.current === 1) counts.onlyOther++;
    else counts.neither++;
  }
  return counts;
}

/** The most repeats of a case on either side, at least 1: a loop, as a spread of 100,000 cases would overflow the stack. */
export function mostRepeats(pairs: readonly CasePair[]): number {
  let most = 1;
  for (const pair of pairs) most = Math.max(most, pair.base.slots, pair.current.slots);
  return most;
}
