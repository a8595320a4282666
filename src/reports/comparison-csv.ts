import type { PairComparison, RateChange, RatioChange } from '../stats/case-comparison.ts';
import { renderCsv, type CsvColumn } from './render-csv.ts';
import type { ReportFormat } from './report-format.ts';
import { round } from './round.ts';

const fraction = (value: number | undefined) => round(value, 6);

/** The columns of one rate change: `<name>_difference`, its interval, p, Holm-adjusted p, verdict. */
function rateColumns(name: string, change: (row: PairComparison) => RateChange): CsvColumn<PairComparison>[] {
  return [
    { name: `${name}_base`, value: (row) => fraction(change(row).base) },
    { name: `${name}_current`, value: (row) => fraction(change(row).current) },
    { name: `${name}_difference`, value: (row) => fraction(change(row).difference) },
    { name: `${name}_difference_ci_low`, value: (row) => fraction(change(row).interval?.low) },
    { name: `${name}_difference_ci_high`, value: (row) => fraction(change(row).interval?.high) },
    // Not rounded: a p of 2e-9 is not 0.
    { name: `${name}_p`, value: (row) => change(row).pValue },
    { name: `${name}_p_holm`, value: (row) => change(row).adjustedPValue },
    { name: `${name}_verdict`, value: (row) => change(row).verdict },
  ];
}

function ratioColumns(name: string, change: (row: PairComparison) => RatioChange): CsvColumn<PairComparison>[] {
  return [
    { name: `${name}_ratio`, value: (row) => round(change(row).ratio, 4) },
    { name: `${name}_ratio_ci_low`, value: (row) => round(change(row).interval?.low, 4) },
    { name: `${name}_ratio_ci_high`, value: (row) => round(change(row).interval?.high, 4) },
    { name: `${name}_verdict`, value: (row) => change(row).verdict },
  ];
}

/** One row per (target, prompt) against its base: the rows of comparison.csv and of `compare`. */
export const comparisonColumns: CsvColumn<PairComparison>[] = [
  { name: 'baseline_target', value: (row) => row.baseTarget },
  { name: 'baseline_prompt', value: (row) => row.basePrompt },
  { name: 'target', value: (row) => row.target },
  { name: 'prompt', value: (row) => row.prompt },
  { name: 'paired_cases', value: (row) => row.cases },
  { name: 'repeats', value: (row) => row.repeats },
  { name: 'method', value: (row) => row.passRate.method },
  ...rateColumns('pass_rate', (row) => row.passRate),
  { name: 'pass_rate_minimum_detectable', value: (row) => fraction(row.passRate.minimumDetectable) },
  { name: 'flipped_to_fail', value: (row) => row.flips.worse.length },
  { name: 'flipped_to_pass', value: (row) => row.flips.better.length },
  ...rateColumns('pass_rate_answered', (row) => row.passRateAnswered),
  ...rateColumns('failure_rate', (row) => row.failureRate),
  ...ratioColumns('ttft_p50', (row) => row.ttftP50),
  ...ratioColumns('e2e_p50', (row) => row.e2eP50),
  ...ratioColumns('output_tps_p50', (row) => row.outputTpsP50),
  ...ratioColumns('cost_per_request', (row) => row.costPerRequest),
  ...ratioColumns('cost_per_passed', (row) => row.costPerPassed),
];

export const comparisonCsv: ReportFormat = {
  fileName: 'comparison.csv',
  render: ({ comparisons }) => renderCsv(comparisonColumns, comparisons),
};
