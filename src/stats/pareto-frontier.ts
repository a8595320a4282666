/** A figure to rank options by; undefined when the option's figure is not known (no price, too few samples). */
export type Objective<T> = { name: string; better: 'higher' | 'lower'; value(item: T): number | undefined };

export type FrontierEntry<T> = {
  item: T;
  /** No other option dominates it. */
  onFrontier: boolean;
  /** Indices of the options that dominate it, in input order. */
  dominatedBy: number[];
  /** Objectives whose figure this option lacks: they are left out of every comparison with it. */
  missing: string[];
};

/**
 * The non-dominated options by point estimate. A dominates B when A is at least as good on every
 * figure both know and better on one; a figure either lacks is left out of that comparison, so an
 * option without a price is neither beaten nor saved by cost. Ties on every known figure dominate
 * neither way: both stay on the frontier. Entries keep the input order.
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
    const dominatedBy = items.flatMap((_, other) => (other !== index && dominates(figures[other]!, figures[index]!) ? [other] : []));
    const missing = objectives.filter((_, figure) => figures[index]![figure] === undefined).map((objective) => objective.name);
    return { item, onFrontier: dominatedBy.length === 0, dominatedBy, missing };
  });
}

function dominates(a: ReadonlyArray<number | undefined>, b: ReadonlyArray<number | undefined>): boolean {
  let strictly = false;
  for (const [figure, valueA] of a.entries()) {
    const valueB = b[figure];
    if (valueA === undefined || valueB === undefined) continue;
    if (valueA < valueB) return false;
    if (valueA > valueB) strictly = true;
  }
  return strictly;
}
