import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { binomialCdf } from '../../src/stats/binomial.ts';
import { percentileInterval, percentileSampleSize } from '../../src/stats/percentile-interval.ts';
import { count, estimateColumns, tally, type Agreement, type Target } from './estimate.ts';
import { seededRandom, type Random } from './random.ts';
import { seedOf, simulations } from './settings.ts';

export const percentileTarget: Target = { low: 95 };

type Latency = { name: string; draw(random: Random): number; quantile(fraction: number): number };

/** Latencies in units of their median-ish scale: a lognormal and a heavy-tailed Pareto. */
const latencies: Latency[] = [
  { name: 'lognormal(0, 0.5)', draw: (random) => Math.exp(0.5 * random.normal()), quantile: (fraction) => Math.exp(0.5 * normalQuantile(fraction, 0, 1)) },
  { name: 'Pareto(α 2.5)', draw: (random) => (1 - random.uniform()) ** (-1 / 2.5), quantile: (fraction) => (1 - fraction) ** (-1 / 2.5) },
];

/**
 * 6. How often percentileInterval's 95% interval holds the true p50, p90 and p99, at the n it
 * needs, twice that, and 1000. Beside it, the coverage its ranks give exactly (a binomial sum),
 * and a check that one value fewer than needed gives no number.
 */
export function percentileCoverage(scale: number, agreement: Agreement): Array<Record<string, string>> {
  const rows: Array<Record<string, string>> = [];
  let cell = 0;
  for (const latency of latencies) {
    for (const p of [50, 90, 99]) {
      const truth = latency.quantile(p / 100);
      const needed = percentileSampleSize(p);
      const short = percentileInterval(Array.from({ length: needed - 1 }, (_, index) => index), p);
      agreement.record('a percentile below its needed n shows the n, not a number', short.estimate === undefined && 'needed' in short && short.needed === needed);
      for (const cases of [needed, 2 * needed, 1000]) {
        const random = seededRandom(seedOf(8, cell++));
        const covered = tally();
        let exact = Number.NaN;
        const runs = simulations(4_000, scale);
        for (let index = 0; index < runs; index++) {
          const values = Array.from({ length: cases }, () => latency.draw(random));
          const estimate = percentileInterval(values, p);
          if (estimate.estimate === undefined) throw new Error(`p${p} of ${cases} values has no interval, though ${needed} are enough`);
          count(covered, estimate.low <= truth && truth <= estimate.high);
          if (index === 0) {
            // The ranks, read back from the sample (continuous values: no ties): the exact coverage is P(l ≤ B ≤ u − 1).
            const sorted = values.toSorted((left, right) => left - right);
            const low = sorted.indexOf(estimate.low) + 1;
            const high = sorted.indexOf(estimate.high) + 1;
            exact = binomialCdf(high - 1, cases, p / 100) - binomialCdf(low - 1, cases, p / 100);
          }
        }
        rows.push({ latency: latency.name, percentile: `p${p}`, n: String(cases), 'n needed': String(needed), ...estimateColumns(covered, percentileTarget, 'coverage', exact) });
      }
    }
  }
  return rows;
}
