import type { BaselineComparison } from '../stats/index.ts';
import { renderCsv, type CsvColumn } from './render-csv.ts';
import type { ReportFormat } from './report-format.ts';
import { round } from './round.ts';

const fraction = (value: number | undefined) => round(value, 6);

/** One row per (target, prompt) after the first, against the first (the baseline). */
const columns: CsvColumn<BaselineComparison>[] = [
  { name: 'baseline_target', value: (row) => row.baselineTarget },
  { name: 'baseline_prompt', value: (row) => row.baselinePrompt },
  { name: 'target', value: (row) => row.target },
  { name: 'prompt', value: (row) => row.prompt },
  { name: 'paired_cases', value: (row) => row.counts.both + row.counts.onlyBaseline + row.counts.onlyOther + row.counts.neither },
  { name: 'both_passed', value: (row) => row.counts.both },
  { name: 'only_baseline_passed', value: (row) => row.counts.onlyBaseline },
  { name: 'only_target_passed', value: (row) => row.counts.onlyOther },
  { name: 'both_failed', value: (row) => row.counts.neither },
  { name: 'pass_rate_difference', value: (row) => fraction(row.passRate?.difference) },
  { name: 'pass_rate_difference_ci_low', value: (row) => fraction(row.passRate?.interval.low) },
  { name: 'pass_rate_difference_ci_high', value: (row) => fraction(row.passRate?.interval.high) },
  // Not rounded: a p of 2e-9 is not 0.
  { name: 'mcnemar_p', value: (row) => row.passRate?.pValue },
  { name: 'ttft_p50_ratio', value: (row) => round(row.ttftP50Ratio, 4) },
  { name: 'e2e_p50_ratio', value: (row) => round(row.e2eP50Ratio, 4) },
  { name: 'cost_per_1k_ratio', value: (row) => round(row.costPer1kRatio, 4) },
];

export const comparisonCsv: ReportFormat = {
  fileName: 'comparison.csv',
  render: ({ comparisons }) => renderCsv(columns, comparisons),
};
