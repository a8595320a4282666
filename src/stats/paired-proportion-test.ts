import type { PairedCounts } from './paired-difference.ts';
import type { Interval } from './proportion-interval.ts';

/** The direction of the alternative hypothesis, about current − baseline. */
export type Alternative = 'two-sided' | 'less' | 'greater';

export type PairedProportionTest = {
  pairs: number;
  baselineOnly: number;
  currentOnly: number;
  /** Current pass rate − baseline pass rate = (currentOnly − baselineOnly) / pairs. */
  difference: number;
  /** On the difference, at `level`. */
  interval: Interval;
  /** Of H0: difference = 0, per alternative. */
  pValue: number;
  method: 'exact' | 'mid-p';
};

/** McNemar's test (exact or mid-p) with its matching interval, for one repeat per case. */
export function pairedProportionTest(counts: PairedCounts, options: { alternative?: Alternative; level?: number; midP?: boolean } = {}): PairedProportionTest | undefined {
  throw new Error('not implemented');
}
