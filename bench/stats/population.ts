/**
 * The population of cases the calibration draws from. Case i has a latent z ~ N(0, 1) and passes
 * each repeat with probability logistic(location + spread·z). The current side's latent is
 * ρ·z + √(1 − ρ²)·w: ρ is the case-to-case correlation of the two sides, so with equal locations
 * (A/A) the population means are equal while each case's own effect varies.
 */
export const spread = 1.5;

export const logistic = (x: number) => 1 / (1 + Math.exp(-x));

// The normal density on a fine grid: trapezoid sums of smooth integrands are exact to ~1e-12.
const step = 0.02;
const grid = Array.from({ length: 801 }, (_, index) => -8 + index * step);
const weights = grid.map((z) => (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * step);

/** E[f(p)] for one side, p = logistic(location + spread·z). */
function expectOne(location: number, f: (probability: number) => number): number {
  let sum = 0;
  for (let index = 0; index < grid.length; index++) sum += weights[index]! * f(logistic(location + spread * grid[index]!));
  return sum;
}

/** The true population mean pass rate at a location. */
export const populationMean = (location: number) => expectOne(location, (probability) => probability);

/** The location whose population mean pass rate is `mean`, by bisection (to 1e-12). */
export function locationFor(mean: number): number {
  let low = -20;
  let high = 20;
  while (high - low > 1e-12) {
    const middle = (low + high) / 2;
    if (populationMean(middle) < mean) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** The standard deviation of a case's pass share over `repeats` repeats, across the population. */
export function shareSd(location: number, repeats: number): number {
  const mean = populationMean(location);
  const variance = expectOne(location, (probability) => probability * probability) - mean * mean + expectOne(location, (probability) => probability * (1 - probability)) / repeats;
  return Math.sqrt(variance);
}

export type PairModel = { baseLocation: number; currentLocation: number; correlation: number };

/**
 * Two-sided moments of a paired population: the true mean difference (current − base), the share
 * of cases discordant with one repeat, and the standard deviation of the per-case difference of
 * pass shares over `repeats` repeats.
 */
export function pairMoments(model: PairModel, repeats: number): { difference: number; discordantShare: number; differenceSd: number } {
  const { baseLocation, currentLocation, correlation } = model;
  const rest = Math.sqrt(1 - correlation * correlation);
  let cross = 0;
  for (let zi = 0; zi < grid.length; zi++) {
    const base = logistic(baseLocation + spread * grid[zi]!);
    let inner = 0;
    for (let wi = 0; wi < grid.length; wi++) inner += weights[wi]! * logistic(currentLocation + spread * (correlation * grid[zi]! + rest * grid[wi]!));
    cross += weights[zi]! * base * inner;
  }
  const baseMean = populationMean(baseLocation);
  const currentMean = populationMean(currentLocation);
  const square = (location: number) => expectOne(location, (probability) => probability * probability);
  const binomial = (location: number) => expectOne(location, (probability) => probability * (1 - probability));
  const difference = currentMean - baseMean;
  const variance = square(baseLocation) + square(currentLocation) - 2 * cross - difference * difference + (binomial(baseLocation) + binomial(currentLocation)) / repeats;
  return { difference, discordantShare: baseMean + currentMean - 2 * cross, differenceSd: Math.sqrt(variance) };
}
