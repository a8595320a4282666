import { pairedSampleSize, proportionSampleSize, proportionTestPower } from '../../src/stats/gate-power.ts';
import { meanTestPower, meanTestSampleSize } from '../../src/stats/gates/mean-test-power.ts';
import { pairedDropPower, pairedDropSampleSize } from '../../src/stats/gates/paired-drop-power.ts';
import { count, estimateColumns, percentText, tally, type Agreement, type Target } from './estimate.ts';
import { absoluteGateFails, dropBase, dropGateFails, powerMargin } from './gate-boundary.ts';
import { locationFor, pairMoments, shareSd } from './population.ts';
import { seededRandom } from './random.ts';
import { alpha, correlations, methodsFor, seedOf, simulations } from './settings.ts';
import { simulatePairs, simulateRun } from './simulate-cases.ts';

export const powerTarget: Target = { low: 78, high: 82 };

type Row = Record<string, string>;

/**
 * 4. The power of each gate at the n its own sizing says reaches 80%, simulated at the bad value
 * that sizing is stated against:
 * - `pass_rate >= 0.9` against a true 85%: proportionSampleSize (exact binomial) with one repeat,
 *   meanTestSampleSize on the population's sd of case shares with three;
 * - `pass_rate drop <= 5` against a true drop of 10 points (85% → 75%): pairedDropSampleSize at
 *   the population's discordant share with one repeat, meanTestSampleSize with three;
 * - `pass_rate drop <= 0` against a true drop of 5 points (85% → 80%): pairedSampleSize (Connor),
 *   the "436 cases at 17.7% discordant", with one repeat.
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
      const cases = repeats === 1 ? proportionSampleSize(0.9, bad, { alpha, midP: method.midP })! : meanTestSampleSize(sd, powerMargin, alpha)!;
      // One repeat: the cases pass independently at the population mean, so this power is exact.
      const designed = repeats === 1 ? proportionTestPower(cases, 0.9, bad, { alpha, midP: method.midP }) : meanTestPower(cases, sd, powerMargin, alpha)!;
      const random = seededRandom(seedOf(7, cell++));
      const caught = tally();
      for (let index = 0; index < runs; index++) count(caught, absoluteGateFails(0.9, simulateRun(random, badLocation, { cases, repeats }), repeats, method.midP, agreement));
      rows.push({ gate: 'pass_rate >= 0.9', 'true value': '85%', 'ρ': '', repeats: String(repeats), test: method.label, 'designed n': String(cases), 'sized by': repeats === 1 ? 'proportionSampleSize' : `meanTestSampleSize, sd ${sd.toFixed(3)}`, 'stated power': percentText(designed, 1), ...estimateColumns(caught, powerTarget, 'power', repeats === 1 ? designed : null) });
    }
  }
  for (const allowed of [5, 0]) {
    const model = { baseLocation: locationFor(dropBase), currentLocation: locationFor(dropBase - (allowed + 5) / 100) };
    for (const correlation of correlations) {
      for (const repeats of [1, 3]) {
        const moments = pairMoments({ ...model, correlation }, repeats);
        const input = { allowed: allowed / 100, margin: powerMargin, discordantShare: moments.discordantShare, alpha };
        const cases =
          repeats === 1 ? (allowed === 0 ? pairedSampleSize(moments.discordantShare, powerMargin, { alpha, sided: 1 })! : pairedDropSampleSize(input)!) : meanTestSampleSize(moments.differenceSd, powerMargin, alpha)!;
        const designed = repeats === 1 ? pairedDropPower(cases, input) : meanTestPower(cases, moments.differenceSd, powerMargin, alpha)!;
        const sizedBy = repeats === 1 ? `${allowed === 0 ? 'pairedSampleSize' : 'pairedDropSampleSize'}, ψ ${moments.discordantShare.toFixed(3)}` : `meanTestSampleSize, sd ${moments.differenceSd.toFixed(3)}`;
        const random = seededRandom(seedOf(7, cell++));
        const methods = methodsFor(repeats).map((method) => ({ ...method, caught: tally() }));
        for (let index = 0; index < runs; index++) {
          const pairs = simulatePairs(random, { ...model, correlation }, { cases, repeats });
          for (const method of methods) count(method.caught, dropGateFails(allowed, pairs, repeats, method.midP, agreement));
        }
        for (const method of methods) {
          rows.push({ gate: `pass_rate drop <= ${allowed}`, 'true value': `drop ${allowed + 5} points`, 'ρ': String(correlation), repeats: String(repeats), test: method.label, 'designed n': String(cases), 'sized by': sizedBy, 'stated power': percentText(designed, 1), ...estimateColumns(method.caught, powerTarget, 'power', null) });
        }
      }
    }
  }
  return rows;
}
