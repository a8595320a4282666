/**
 * The calibration of every decision llm-bench makes from pass rates, by Monte Carlo through the
 * project's own functions (compareCases, evaluateGates, caseQuality, percentileInterval and the
 * sample sizes the gates report). A benchmark, not a test: it prints each estimate beside its
 * target with its Monte Carlo standard error, and PASS or MISS by the estimate itself.
 *
 *   npm run bench:stats                      (the figures in docs/calibration.md)
 *   node bench/stats-calibration.ts --scale 0.1   (a quick look, 10% of the simulations)
 *
 * Seeds are fixed: the same code gives the same tables.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { printTable } from './print-table.ts';
import { differenceCoverage, runIntervalCoverage } from './stats/coverage.ts';
import { Agreement, estimateColumns, share, simulatorCheck } from './stats/estimate.ts';
import { aaFalseAlarms, aaMean, aaUnanswered } from './stats/false-alarms.ts';
import { absoluteGateBoundary, dropGateBoundary } from './stats/gate-boundary.ts';
import { percentileCoverage } from './stats/percentile-coverage.ts';
import { locationFor, pairMoments, spread } from './stats/population.ts';
import { gatePower } from './stats/power.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 10)) throw new RangeError(`Expected \`--scale\` to be a number above 0 and at most 10, got \`${values.scale}\` (string)`);

const load = () => loadavg().map((average) => average.toFixed(2)).join(' ');
const startedAt = performance.now();
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

console.log(`llm-bench statistics calibration — ${new Date().toISOString()}, Node ${process.version}, ${availableParallelism()} cores, load average ${load()}, scale ${scale}`);
const aaPsi = pairMoments({ baseLocation: locationFor(aaMean), currentLocation: locationFor(aaMean), correlation: 0.5 }, 1).discordantShare;
console.log(
  `Population: case i passes each repeat with p_i = logistic(μ + ${spread}·z_i), z_i ~ N(0, 1), μ set so the true mean is the stated rate; ` +
    `the current side's latent is ρ·z_i + √(1 − ρ²)·w_i. A/A at ${aaMean * 100}% (discordant share ${(aaPsi * 100).toFixed(1)}% at ρ 0.5). α = 0.05. ` +
    '"± MC se" is the Monte Carlo standard error in points. "exact", where the model gives the figure as a binomial sum (one repeat: cases pass independently at the population mean), decides PASS/MISS; elsewhere the estimate does.',
);

const agreement = new Agreement();
/** `subject` names the section's rows in the summary when their own columns do not. */
type Section = { title: string; subject?: string; rows: () => Array<Record<string, string>> };
const sections: Section[] = [
  { title: '1. A/A false alarms of compare (two-sided: verdict better or worse), two runs of the same prompt', subject: 'compare A/A', rows: () => aaFalseAlarms(scale, agreement) },
  { title: '1b. A/A false alarms of compare with 10% of requests unanswered on both sides', subject: 'compare A/A, 10% unanswered', rows: () => aaUnanswered(scale, agreement) },
  { title: '2a. One-sided false alarms of pass_rate >= R with the true mean pass rate exactly R', rows: () => absoluteGateBoundary(scale, agreement) },
  { title: '2b. One-sided false alarms of pass_rate drop <= 5 with the true mean drop exactly 5 points', rows: () => dropGateBoundary(scale, agreement) },
  { title: "3a. Coverage of one run's 95% pass-rate interval (case as the unit) of the true mean", rows: () => runIntervalCoverage(scale) },
  { title: "3b. Coverage of compare's 95% interval of the pass-rate difference (true drop 5 points)", rows: () => differenceCoverage(scale, agreement) },
  { title: '4. Power at the n the gate reports as sufficient for 80%, simulated at the bad value', rows: () => gatePower(scale, agreement) },
  { title: '6. Coverage of the 95% distribution-free percentile interval', subject: 'percentile interval', rows: () => percentileCoverage(scale, agreement) },
];

const misses: string[] = [];
const summary: Array<Record<string, string>> = [];
for (const section of sections) {
  const sectionStartedAt = performance.now();
  const rows = section.rows();
  printTable(`${section.title} (${seconds(sectionStartedAt)})`, rows);
  summary.push(...summarize(section.title.split(' ')[0]!, section.subject, rows));
  const missed = rows.filter((row) => row.result === 'MISS').length;
  if (missed > 0) misses.push(`${section.title.split(' ')[0]} ${missed} of ${rows.filter((row) => row.result !== '').length}`);
}

const agreementRows = [...agreement.checks].map(([check, value]) => {
  const columns = estimateColumns(value, { low: 100 }, 'agree');
  return { check, compared: String(value.trials), disagree: String(value.trials - value.hits), agree: columns.agree!, target: '100%', result: share(value) === 1 ? 'PASS' : 'MISS' };
});
printTable('5. Agreement of each interval with its test, over every simulated outcome above', agreementRows);
console.log(`Simulator check: in ${simulatorCheck.hits} of ${simulatorCheck.trials} rows with an exact figure, the simulation lies within 3 MC se of it.`);
const disagreed = agreementRows.filter((row) => row.result === 'MISS').length;
if (disagreed > 0) misses.push(`5. ${disagreed} of ${agreementRows.length}`);

summary.push({ section: '5.', rows: 'every interval and its test', target: '100%', figures: `${Math.min(...agreementRows.map((row) => Number.parseFloat(row.agree))).toFixed(2)}% at least`, met: `${agreementRows.length - disagreed} of ${agreementRows.length}` });
printTable('Summary: the figure that decides each row (exact where there is one), by test', summary);
console.log(`\nTargets missed (section: rows): ${misses.length === 0 ? 'none' : misses.join('; ')}`);
console.log(`Wall time ${seconds(startedAt)}; load average at the end ${load()}`);

/** One line per test of a section: the range of its deciding figures and how many rows met the target. */
function summarize(section: string, subject: string | undefined, rows: Array<Record<string, string>>): Array<Record<string, string>> {
  const groups = new Map<string, Array<Record<string, string>>>();
  for (const row of rows.filter((candidate) => candidate.result !== '')) {
    const name = [subject, row.gate, row.figure, row.interval, row.latency, row.test ?? row.method].filter(Boolean).join(', ');
    groups.set(name, [...(groups.get(name) ?? []), row]);
  }
  return [...groups].map(([name, group]) => {
    const figures = group.map((row) => Number.parseFloat(row.exact || row['false alarms'] || row.coverage || row.power || ''));
    const [lowest, highest] = [Math.min(...figures).toFixed(2), Math.max(...figures).toFixed(2)];
    return { section, rows: name, target: group[0]!.target!, figures: lowest === highest ? `${lowest}%` : `${lowest}–${highest}%`, met: `${group.filter((row) => row.result === 'PASS').length} of ${group.length}` };
  });
}
