/**
 * Holm's step-down adjustment for several comparisons read together (several targets or figures
 * in one `compare`): rejecting where the adjusted p < alpha keeps the chance of any false alarm
 * at most alpha, under any dependence between the tests. The i-th smallest p is multiplied by
 * (m − i + 1), made non-decreasing in that order, and capped at 1; returned in the input order.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  for (const pValue of pValues) {
    if (!(pValue >= 0 && pValue <= 1)) throw new RangeError(`Expected every p-value to be from 0 to 1, got \`${pValue}\` (${typeof pValue})`);
  }
  const count = pValues.length;
  const order = pValues.map((_, index) => index).sort((a, b) => pValues[a]! - pValues[b]! || a - b);
  const adjusted = new Array<number>(count);
  let running = 0;
  for (let rank = 0; rank < count; rank++) {
    const index = order[rank]!;
    running = Math.max(running, Math.min(1, (count - rank) * pValues[index]!));
    adjusted[index] = running;
  }
  return adjusted;
}
