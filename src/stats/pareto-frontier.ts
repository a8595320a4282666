/** A figure to rank options by; undefined when the option's figure is not known (no price, too few samples). */
export type Objective<T> = { name: string; better: 'higher' | 'lower'; value(item: T): number | undefined };

export type FrontierEntry<T> = {
  item: T;
  /** Neither dominated nor undecided: no other option is shown to be, or could be, at least as good on every figure and better on one. */
  onFrontier: boolean;
  /** Indices of the options that dominate it, in input order. */
  dominatedBy: number[];
  /**
   * Indices of the options that would dominate it on the figures both know, but where one of the
   * two lacks a figure the other has: the unknown figure (a local model's cost) could go either
   * way, so the option is not placed, neither on the frontier nor dominated.
   */
  undecidedBy: number[];
  /** Objectives whose figure this option lacks. */
  missing: string[];
};

/**
 * The non-dominated options by point estimate. A dominates B when A is at least as good on every
 * figure and better on one. A figure neither knows is left out of that comparison (at three
 * cases no option has a TTFT median); a figure only one knows leaves the comparison undecided,
 * since the unknown one may be better or worse: an option without a price is neither beaten nor
 * saved by cost. Ties on every known figure dominate neither way: both stay on the frontier.
 * Entries keep the input order.
 */
export function paretoFrontier<T>(items: readonly T[], objectives: ReadonlyArray<Objective<T>>): Array<FrontierEntry<T>> {
  // Each figure as "higher is better", so one comparison serves both directions.
  const figures = items.map((item) =>
    objectives.map((objective) => {
      const value = objective.value(item);
      if (value === undefined || Number.isNaN(value)) return undefined;
      return objective.better === 'higher' ? value : -value;
    }),
  );
  return items.map((item, index) => {
    const verdicts = items.map((_, other) => (other === index ? 'no' : dominance(figures[other]!, figures[index]!)));
    const dominatedBy = verdicts.flatMap((verdict, other) => (verdict === 'dominates' ? [other] : []));
    const undecidedBy = verdicts.flatMap((verdict, other) => (verdict === 'undecided' ? [other] : []));
    const missing = objectives.filter((_, figure) => figures[index]![figure] === undefined).map((objective) => objective.name);
    return { item, onFrontier: dominatedBy.length === 0 && undecidedBy.length === 0, dominatedBy, undecidedBy, missing };
  });
}

/**
 * Whether a dominates b: at least as good on every figure both know and better on one; undecided
 * when that holds but a figure is known to only one of them.
 */
function dominance(a: ReadonlyArray<number | undefined>, b: ReadonlyArray<number | undefined>): 'dominates' | 'undecided' | 'no' {
  let strictly = false;
  let oneSided = false;
  for (const [figure, valueA] of a.entries()) {
    const valueB = b[figure];
    if (valueA === undefined && valueB === undefined) continue;
    if (valueA === undefined || valueB === undefined) {
      oneSided = true;
      continue;
    }
    if (valueA < valueB) return 'no';
    if (valueA > valueB) strictly = true;
  }
  if (!strictly) return 'no';
  return oneSided ? 'undecided' : 'dominates';
}
