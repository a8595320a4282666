import { proportionSampleSize, proportionTestPower } from '../../src/stats/gate-power.ts';
import { meanTestPower, meanTestSampleSize } from '../../src/stats/gates/mean-test-power.ts';
import { pairedDropPower, pairedDropSampleSize } from '../../src/stats/gates/paired-drop-power.ts';
import { shareIntervalPower, shareIntervalSampleSize } from '../../src/stats/gates/share-interval-power.ts';
import { count, estimateColumns, percentText, tally, type Agreement, type Target } from './estimate.ts';
import { absoluteGateFails, dropBase, dropGateFails, powerMargin } from './gate-boundary.ts';
import { locationFor, pairMoments, shareSd } from './population.ts';
import { seededRandom } from './random.ts';
import { alpha, correlations, methodsFor, seedOf, simulations } from './settings.ts';
import { simulatePairs, simulateRun } from './simulate-cases.ts';

export const powerTarget: Target = { low: 78, high: 82 };

type Row = Record<string, string>;

/** How a gate sizes its n, and the power it states there. */
type Design = { cases: number; stated: number; sizedBy: string; exact: boolean };

/**
 * 4. The power of each gate at the n its own sizing says reaches 80%, simulated at the bad value
 * that sizing is stated against:
 * - `pass_rate >= 0.9` against a true 85%: proportionSampleSize (exact binomial) with one repeat;
 *   with three, shareIntervalSampleSize, the power of the summary's Wilson interval at the
 *   effective n, at the population's design effect (its sd of case shares² over 0.85·0.15);
 * - `pass_rate drop <= 5` against a true drop of 10 points (85% → 75%): pairedDropSampleSize
 *   (Connor's approximation moved to the allowed drop) at the population's discordant share with
 *   one repeat, meanTestSampleSize with three;
 * - `pass_rate drop <= 0` against a true drop of 5 points (85% → 80%): pairedDropSampleSize, which
 *   with no drop allowed is the first n whose exact McNemar power (exact or mid-p) reaches 80%,
 *   with one repeat; meanTestSampleSize with three.
 * With one repeat the cases are independent draws, so the binomial figures are exact.
 */
export function gatePower(scale: number, agreement: Agreement): Row[] {
  const runs = simulations(4_000, scale);
  const rows: Row[] = [];
  let cell = 0;
  const bad = 0.85;
  const badLocation = locationFor(bad);
  for (const repeats of [1, 3]) {
    for (const method of methodsFor(repeats, 'one run')) {
      const sd = shareSd(badLocation, repeats);
      const sizing = { threshold: 0.9, bad, designEffect: (sd * sd) / (bad * (1 - bad)), repeats, alpha };
      const cases = repeats === 1 ? proportionSampleSize(0.9, bad, { alpha, midP: method.midP })! : shareIntervalSampleSize(sizing)!;
      const designed = repeats === 1 ? proportionTestPower(cases, 0.9, bad, { alpha, midP: method.midP }) : shareIntervalPower(cases, sizing)!;
      const random = seededRandom(seedOf(7, cell++));
      const caught = tally();
      for (let index = 0; index < runs; index++) count(caught, absoluteGateFails(0.9, simulateRun(random, badLocation, { cases, repeats }), repeats, method.midP, agreement));
      const sizedBy = repeats === 1 ? 'proportionSampleSize' : `shareIntervalSampleSize, deff ${sizing.designEffect.toFixed(3)}`;
      rows.push({ gate: 'pass_rate >= 0.9', 'true value': '85%', 'ρ': '', repeats: String(repeats), test: method.label, 'designed n': String(cases), 'sized by': sizedBy, 'stated power': percentText(designed, 1), ...estimateColumns(caught, powerTarget, 'power', repeats === 1 ? designed : null) });
    }
  }
  for (const allowed of [5, 0]) {
    const model = { baseLocation: locationFor(dropBase), currentLocation: locationFor(dropBase - (allowed + 5) / 100) };
    for (const correlation of correlations) {
      for (const repeats of [1, 3]) {
        const moments = pairMoments({ ...model, correlation }, repeats);
        const design = (midP: boolean): Design => {
          if (repeats > 1) {
            const cases = meanTestSampleSize(moments.differenceSd, powerMargin, alpha)!;
            return { cases, stated: meanTestPower(cases, moments.differenceSd, powerMargin, alpha)!, sizedBy: `meanTestSampleSize, sd ${moments.differenceSd.toFixed(3)}`, exact: false };
          }
          const input = { allowed: allowed / 100, margin: powerMargin, discordantShare: moments.discordantShare, alpha, midP };
          const cases = pairedDropSampleSize(input)!;
          const how = allowed === 0 ? 'exact power' : 'Connor, moved';
          return { cases, stated: pairedDropPower(cases, input), sizedBy: `pairedDropSampleSize (${how}), ψ ${moments.discordantShare.toFixed(3)}`, exact: allowed === 0 };
        };
        // Methods sized alike share their simulated runs; one sized apart gets runs of its own size.
        const methods = methodsFor(repeats).map((method) => ({ ...method, design: design(method.midP), caught: tally() }));
        for (const size of new Set(methods.map((method) => method.design.cases))) {
          const random = seededRandom(seedOf(7, cell++));
          const sized = methods.filter((method) => method.design.cases === size);
          for (let index = 0; index < runs; index++) {
            const pairs = simulatePairs(random, { ...model, correlation }, { cases: size, repeats });
            for (const method of sized) count(method.caught, dropGateFails(allowed, pairs, repeats, method.midP, agreement));
          }
        }
        for (const { label, design: { cases, stated, sizedBy, exact }, caught } of methods) {
          rows.push({ gate: `pass_rate drop <= ${allowed}`, 'true value': `drop ${allowed + 5} points`, 'ρ': String(correlation), repeats: String(repeats), test: label, 'designed n': String(cases), 'sized by': sizedBy, 'stated power': percentText(stated, 1), ...estimateColumns(caught, powerTarget, 'power', exact ? stated : null) });
        }
      }
    }
  }
  return rows;
}
