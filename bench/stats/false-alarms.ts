import { binomialPmf } from '../../src/stats/binomial.ts';
import type { RateChange } from '../../src/stats/case-comparison.ts';
import { compareCases } from '../../src/stats/compare-cases.ts';
import { pairedProportionTest } from '../../src/stats/paired-proportion-test.ts';
import { count, estimateColumns, tally, type Agreement, type Target } from './estimate.ts';
import { locationFor, pairMoments } from './population.ts';
import { seededRandom } from './random.ts';
import { alpha, caseCounts, correlations, methodsFor, names, repeatCounts, seedOf, simulations } from './settings.ts';
import { simulatePairs, type Draw } from './simulate-cases.ts';

export const twoSidedTarget: Target = { low: 4, high: 5.5 };

/** A/A: both runs drawn at this mean pass rate. */
export const aaMean = 0.8;

const alarmed = (change: RateChange) => change.verdict === 'better' || change.verdict === 'worse';

/** Whether the change's interval excludes 0 exactly when its p-value is below α; nothing to check without a test. */
export function checkAgreement(agreement: Agreement, name: string, change: RateChange): void {
  if (change.interval === undefined || change.pValue === undefined) return;
  const excludes = change.interval.low > 0 || change.interval.high < 0;
  agreement.record(name, excludes === change.pValue < alpha);
}

/**
 * 1. How often `compare` calls two runs of the same prompt *better* or *worse* (two-sided), over
 * n × repeats × case-to-case correlation, with the exact and the mid-p McNemar test.
 */
export function aaFalseAlarms(scale: number, agreement: Agreement): Array<Record<string, string>> {
  const location = locationFor(aaMean);
  const rows: Array<Record<string, string>> = [];
  let cell = 0;
  for (const cases of caseCounts) {
    for (const repeats of repeatCounts) {
      for (const correlation of correlations) {
        const random = seededRandom(seedOf(1, cell++));
        const methods = methodsFor(repeats).map((method) => ({ ...method, alarms: tally() }));
        const draw: Draw = { cases, repeats };
        const model = { baseLocation: location, currentLocation: location, correlation };
        const runs = simulations(10_000, scale);
        for (let index = 0; index < runs; index++) {
          const pairs = simulatePairs(random, model, draw);
          for (const method of methods) {
            const comparison = compareCases(names, pairs, { alpha, midP: method.midP, minimumDetectable: false });
            count(method.alarms, alarmed(comparison.passRate));
            checkAgreement(agreement, `compare pass rate, ${comparison.passRate.method}`, comparison.passRate);
          }
        }
        const discordantShare = pairMoments(model, 1).discordantShare;
        for (const method of methods) {
          const exact = repeats === 1 ? exactMcNemarAlarms(cases, discordantShare, method.midP) : null;
          rows.push({ n: String(cases), repeats: String(repeats), 'ρ': String(correlation), test: method.label, ...estimateColumns(method.alarms, twoSidedTarget, 'false alarms', exact) });
        }
      }
    }
  }
  return rows;
}

const figureNames = { passRate: 'pass rate', passRateAnswered: 'answered-only pass rate', failureRate: 'failure rate' } as const;

/**
 * 1b. A/A with 10% of requests unanswered on both sides: the primary pass rate (an unanswered
 * request fails), the answered-only sensitivity check and the failure rate.
 */
export function aaUnanswered(scale: number, agreement: Agreement): Array<Record<string, string>> {
  const location = locationFor(aaMean);
  const rows: Array<Record<string, string>> = [];
  let cell = 0;
  for (const repeats of repeatCounts) {
    const random = seededRandom(seedOf(2, cell++));
    const figures = (['passRate', 'passRateAnswered', 'failureRate'] as const).map((figure) => ({ figure, alarms: tally() }));
    const model = { baseLocation: location, currentLocation: location, correlation: 0.5 };
    const runs = simulations(5_000, scale);
    for (let index = 0; index < runs; index++) {
      const pairs = simulatePairs(random, model, { cases: 100, repeats, unanswered: 0.1 });
      const comparison = compareCases(names, pairs, { alpha, minimumDetectable: false });
      for (const entry of figures) {
        count(entry.alarms, alarmed(comparison[entry.figure]));
        checkAgreement(agreement, `compare ${figureNames[entry.figure]}, ${comparison[entry.figure].method}`, comparison[entry.figure]);
      }
    }
    for (const entry of figures) rows.push({ n: '100', repeats: String(repeats), 'ρ': '0.5', figure: figureNames[entry.figure], test: repeats === 1 ? 'exact McNemar' : 'paired t', ...estimateColumns(entry.alarms, twoSidedTarget, 'false alarms') });
  }
  return rows;
}

/**
 * The A/A false-alarm rate of McNemar's test with one repeat, exactly: the cases are independent,
 * so the discordant count d is Binomial(n, ψ) and, in A/A, the current side's share of them is
 * Binomial(d, ½). The verdict depends on the discordant split alone, through pairedProportionTest.
 */
export function exactMcNemarAlarms(cases: number, discordantShare: number, midP: boolean): number {
  let rate = 0;
  for (let discordant = 0; discordant <= cases; discordant++) rate += binomialPmf(discordant, cases, discordantShare) * alarmsGiven(discordant, midP);
  return rate;
}

const alarmsByDiscordant = new Map<string, number>();

/** P(p < α | d discordant cases, A/A). */
function alarmsGiven(discordant: number, midP: boolean): number {
  const key = `${discordant} ${midP}`;
  let rate = alarmsByDiscordant.get(key);
  if (rate !== undefined) return rate;
  rate = 0;
  for (let currentOnly = 0; currentOnly <= discordant; currentOnly++) {
    const test = pairedProportionTest({ both: 0, onlyBaseline: discordant - currentOnly, onlyOther: currentOnly, neither: 0 }, { level: 1 - alpha, midP });
    if (test && test.pValue < alpha && test.difference !== 0) rate += binomialPmf(currentOnly, discordant, 0.5);
  }
  alarmsByDiscordant.set(key, rate);
  return rate;
}
