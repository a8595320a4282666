/** What every section shares: the grid of the issue, α, and the simulation counts. */
export const alpha = 0.05;
export const caseCounts = [30, 100, 200] as const;
export const repeatCounts = [1, 3] as const;
export const correlations = [0.3, 0.5, 0.7] as const;

/** The names a simulated comparison carries; the statistics never read them. */
export const names = { target: 'sim', prompt: 'default', baseTarget: 'sim', basePrompt: 'default' };

/**
 * Simulations per cell, scaled by `--scale` (0.1 for a quick look; the figures saved in
 * docs/calibration.md use 1).
 */
export function simulations(base: number, scale: number): number {
  return Math.max(100, Math.round(base * scale));
}

/** A fixed seed per (section, cell): re-running gives the same tables. */
export const seedOf = (section: number, cell: number) => section * 10_000 + cell;

/**
 * The one-repeat tests come in two variants, exact and mid-p; with repeats the t-test has none.
 * Paired (compare, the drop gate): McNemar or the paired t; one run (the absolute gate): the
 * binomial test or the summary's Wilson interval at the effective number of cases.
 */
export const methodsFor = (repeats: number, design: 'paired' | 'one run' = 'paired'): Array<{ label: string; midP: boolean }> => {
  const [oneRepeat, several] = design === 'paired' ? ['McNemar', 'paired t'] : ['binomial', 'Wilson, effective n'];
  return repeats === 1
    ? [
        { label: `exact ${oneRepeat}`, midP: false },
        { label: `mid-p ${oneRepeat}`, midP: true },
      ]
    : [{ label: several, midP: false }];
};
