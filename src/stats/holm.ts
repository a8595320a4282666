/** Holm's step-down adjusted p-values, same order, capped at 1. */
export function holmAdjust(pValues: readonly number[]): number[] {
  throw new Error('not implemented');
}
