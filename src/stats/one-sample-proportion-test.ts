export type ProportionTest = { successes: number; n: number; estimate: number; bound: number; pValue: number; achievedAlpha: number };

export type ProportionDirection = 'at-least' | 'at-most';

export type ProportionTestOptions = { direction?: ProportionDirection; alpha?: number; midP?: boolean };

/** The absolute gate with one repeat: H0 rate ≥ threshold ('at-least') or ≤ threshold ('at-most'). */
export function oneSampleProportionTest(successes: number, n: number, threshold: number, options: ProportionTestOptions = {}): ProportionTest {
  throw new Error('not implemented');
}
