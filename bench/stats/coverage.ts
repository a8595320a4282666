import { binomialPmf } from '../../src/stats/binomial.ts';
import { compareCases } from '../../src/stats/compare-cases.ts';
import { proportionInterval } from '../../src/stats/proportion-interval.ts';
import { caseQuality } from '../../src/stats/case-quality.ts';
import { count, estimateColumns, tally, type Agreement, type Target } from './estimate.ts';
import { checkAgreement } from './false-alarms.ts';
import { locationFor, pairMoments, populationMean } from './population.ts';
import { seededRandom } from './random.ts';
import { alpha, correlations, methodsFor, names, repeatCounts, seedOf, simulations } from './settings.ts';
import { simulatePairs, simulateRun } from './simulate-cases.ts';

export const coverageTarget: Target = { low: 94, high: 96 };

/** Coverage is a target at n ≥ 100; the n = 30 rows are shown for what they are. */
const shownCounts = [30, 100, 200] as const;

const targetFor = (cases: number): Target | undefined => (cases >= 100 ? coverageTarget : undefined);

/**
 * 3a. How often the 95% interval of one run's pass rate (as the summary computes it, the case as
 * the unit: Wilson with one repeat, t on the cases' shares with several) holds the population's
 * true mean pass rate.
 */
export function runIntervalCoverage(scale: number): Array<Record<string, string>> {
  const rows: Array<Record<string, string>> = [];
  let cell = 0;
  for (const mean of [0.8, 0.9]) {
    const location = locationFor(mean);
    const truth = populationMean(location);
    for (const cases of shownCounts) {
      for (const repeats of repeatCounts) {
        const random = seededRandom(seedOf(5, cell++));
        const covered = tally();
        const runs = simulations(10_000, scale);
        for (let index = 0; index < runs; index++) {
          const outcomes = simulateRun(random, location, { cases, repeats });
          const interval = caseQuality(outcomes, repeats, () => true).passRate.interval!;
          count(covered, interval.low <= truth && truth <= interval.high);
        }
        const exact = repeats === 1 ? exactWilsonCoverage(cases, truth) : null;
        rows.push({ interval: 'run pass rate', 'true mean': `${(truth * 100).toFixed(1)}%`, n: String(cases), repeats: String(repeats), 'ρ': '', method: repeats === 1 ? 'Wilson' : 'Wilson, effective n', ...columnsFor(covered, cases, exact) });
      }
    }
  }
  return rows;
}

/**
 * 3b. How often compare's 95% interval of the pass-rate difference holds the true mean
 * difference, for a true drop of 5 points (85% → 80%), over n ≥ 100 × repeats × ρ.
 */
export function differenceCoverage(scale: number, agreement: Agreement): Array<Record<string, string>> {
  const rows: Array<Record<string, string>> = [];
  const base = { baseLocation: locationFor(0.85), currentLocation: locationFor(0.8) };
  let cell = 0;
  for (const cases of [100, 200]) {
    for (const repeats of repeatCounts) {
      for (const correlation of correlations) {
        const model = { ...base, correlation };
        const truth = pairMoments(model, repeats).difference;
        const random = seededRandom(seedOf(6, cell++));
        const methods = methodsFor(repeats).map((method) => ({ ...method, covered: tally() }));
        const runs = simulations(4_000, scale);
        for (let index = 0; index < runs; index++) {
          const pairs = simulatePairs(random, model, { cases, repeats });
          for (const method of methods) {
            const change = compareCases(names, pairs, { alpha, midP: method.midP, minimumDetectable: false }).passRate;
            checkAgreement(agreement, `compare pass rate, ${change.method}`, change);
            count(method.covered, change.interval!.low <= truth && truth <= change.interval!.high);
          }
        }
        for (const method of methods) {
          rows.push({ interval: 'compare difference', 'true mean': `${(truth * 100).toFixed(1).replace('-', '−')} points`, n: String(cases), repeats: String(repeats), 'ρ': String(correlation), method: method.label, ...columnsFor(method.covered, cases) });
        }
      }
    }
  }
  return rows;
}

function columnsFor(covered: ReturnType<typeof tally>, cases: number, exact?: number | null): Record<string, string> {
  const target = targetFor(cases);
  if (target) return estimateColumns(covered, target, 'coverage', exact);
  const columns = estimateColumns(covered, coverageTarget, 'coverage', exact);
  return { ...columns, target: '(n < 100: shown)', result: '' };
}

/**
 * With one repeat the cases pass independently with the population mean, so the Wilson
 * interval's coverage is a binomial sum over the count of passing cases.
 */
function exactWilsonCoverage(cases: number, mean: number): number {
  let coverage = 0;
  for (let passed = 0; passed <= cases; passed++) {
    const interval = proportionInterval(passed, cases)!;
    if (interval.low <= mean && mean <= interval.high) coverage += binomialPmf(passed, cases, mean);
  }
  return coverage;
}
