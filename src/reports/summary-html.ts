import type { TargetSummary } from '../stats/index.ts';
import type { PercentileEstimate } from '../stats/percentile-interval.ts';
import { escapeHtml } from './escape-html.ts';
import { formatFixed, formatMilliseconds, formatPercentile, formatRate, formatSuccessRate } from './format-figures.ts';
import { formatUsd } from './format-usd.ts';

/**
 * report.html's summary: one row per (target, prompt), every figure with its 95% interval, the
 * pass rate's drawn as a bar; then the flaky cases, when there are any. Labels are escaped.
 */
export function summaryHtml(summaries: readonly TargetSummary[], simulated: ReadonlySet<string>): string {
  return `${summaryTable(summaries, simulated)}
<p class="note">Rates are over cases: a case counts once, as the share of its repeats that were answered (success) or passed (pass), and the pass rate counts an unanswered request as failed; <em>answered only</em> leaves those out. Intervals are 95%: Wilson over the cases when every case's share is 0 or 1 (one repeat), else Wilson at the effective number of cases the shares' spread gives (Korn–Graubard); where two targets' bars overlap, the data do not tell them apart. Latency and tokens/s are over answered requests, each a sample (a case's repeats too: timing noise dominates), with distribution-free order-statistic intervals; a percentile the sample is too small to bound shows the n it needs (<code>n&lt;368</code>), never a number.</p>
${flakySection(summaries, simulated)}`;
}

type HtmlColumn = { heading: string; cell(summary: TargetSummary): string; label?: boolean };

function summaryTable(summaries: readonly TargetSummary[], simulated: ReadonlySet<string>): string {
  const showPrompt = summaries.some((summary) => summary.prompt !== 'default');
  const showRepeats = summaries.some((summary) => summary.repeats > 1);
  const columns: HtmlColumn[] = [
    { heading: 'target', label: true, cell: (summary) => targetLabel(summary, simulated) },
    ...(showPrompt ? [{ heading: 'prompt', label: true, cell: (summary: TargetSummary) => escapeHtml(summary.prompt) }] : []),
    {
      heading: 'requests',
      cell: (summary) => (summary.notSent > 0 ? `${summary.requests} of ${summary.requests + summary.notSent} <small>(${summary.notSent} not sent)</small>` : String(summary.requests)),
    },
    { heading: 'success % [95% CI]', cell: formatSuccessRate },
    { heading: 'TTFT ms [95% CI]', cell: (summary) => percentileLines(summary.percentiles.ttftP50Ms, summary.percentiles.ttftP90Ms, summary.percentiles.ttftP99Ms) },
    // Open loop: what a user behind the load felt, counted from the scheduled time.
    ...(summaries.some((summary) => summary.percentiles.ttftFromScheduledP50Ms !== undefined)
      ? [{ heading: 'TTFT from scheduled ms [95% CI]', cell: (summary: TargetSummary) => percentileLines(summary.percentiles.ttftFromScheduledP50Ms, undefined, summary.percentiles.ttftFromScheduledP99Ms) }]
      : []),
    { heading: 'e2e ms [95% CI]', cell: (summary) => percentileLines(summary.percentiles.e2eP50Ms, summary.percentiles.e2eP90Ms, summary.percentiles.e2eP99Ms) },
    { heading: 'tok/s p50 [95% CI]', cell: (summary) => escapeHtml(formatPercentile(summary.percentiles.outputTpsP50, tokensPerSecond, { interval: tokensPerSecond })) },
    { heading: 'cost $', cell: (summary) => formatUsd(summary.costUsdTotal) },
    { heading: '$/1k req', cell: (summary) => formatUsd(summary.costPer1kRequestsUsd) },
    { heading: 'score', cell: (summary) => formatFixed(summary.scoreMean, 3) },
    { heading: 'pass % [95% CI]', cell: passRateCell },
    ...(summaries.some((summary) => summary.goodput !== undefined)
      ? [{ heading: 'goodput % [95% CI]', cell: (summary: TargetSummary) => (summary.goodput === undefined ? '' : `${escapeHtml(formatRate(summary.goodput, summary.goodputCiLow, summary.goodputCiHigh))}<br><small>${escapeHtml(summary.slo ?? '')}</small>`) }]
      : []),
    ...(showRepeats ? [{ heading: 'pass@k / pass^k % [95% CI]', cell: repeatsCell }] : []),
  ];
  const rows = summaries.map((summary) => `<tr>${columns.map((column) => `<td${column.label ? '' : ' class="num"'}>${column.cell(summary)}</td>`).join('')}</tr>`);
  return `<table><thead><tr>${columns.map((column) => `<th>${column.heading}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const targetLabel = (summary: TargetSummary, simulated: ReadonlySet<string>) =>
  simulated.has(summary.target) ? `${escapeHtml(summary.target)} <em>simulated</em>` : escapeHtml(summary.target);

const milliseconds = (value: number) => formatMilliseconds(value);
const tokensPerSecond = (value: number) => formatFixed(value, 1);

/** p50, p90 and p99, one a line, each with its interval or the n it needs; empty with no sample. */
function percentileLines(p50: PercentileEstimate | undefined, p90: PercentileEstimate | undefined, p99: PercentileEstimate | undefined): string {
  if (p50 === undefined) return '';
  const line = (name: string, estimate: PercentileEstimate | undefined) =>
    `<small>${name}</small> ${escapeHtml(formatPercentile(estimate, milliseconds, { interval: milliseconds }))}`;
  // A percentile not asked for (undefined with a p50 there) has no line.
  return ([['p50', p50], ['p90', p90], ['p99', p99]] as const).filter(([, estimate]) => estimate !== undefined).map(([name, estimate]) => line(name, estimate)).join('<br>');
}

/** The pass rate, its interval drawn on a 0–100% scale, and under it, when requests went unanswered, the answered-only rate. */
function passRateCell(summary: TargetSummary): string {
  if (summary.passRate === undefined) return '';
  const low = (summary.passRateCiLow ?? summary.passRate) * 100;
  const high = (summary.passRateCiHigh ?? summary.passRate) * 100;
  const point = summary.passRate * 100;
  const label = formatRate(summary.passRate, summary.passRateCiLow, summary.passRateCiHigh);
  const answered = formatRate(summary.passRateAnswered, summary.passRateAnsweredCiLow, summary.passRateAnsweredCiHigh);
  return `${label} <small>of ${summary.passRateCases} cases</small><div class="ci" title="${label}"><span class="range" style="left:${low.toFixed(1)}%;width:${(high - low).toFixed(1)}%"></span><span class="point" style="left:${point.toFixed(1)}%"></span></div>${
    answered && summary.unanswered > 0 ? `<small>answered only ${answered}</small>` : ''
  }`;
}

function repeatsCell(summary: TargetSummary): string {
  if (summary.passAtK === undefined) return '';
  const k = summary.repeats;
  return `<small>pass@${k}</small> ${formatRate(summary.passAtK, summary.passAtKCiLow, summary.passAtKCiHigh)}<br><small>pass^${k}</small> ${formatRate(summary.passAllK, summary.passAllKCiLow, summary.passAllKCiHigh)}`;
}

/** The cases that passed on some repeats and failed or went unanswered on others, per (target, prompt). */
function flakySection(summaries: readonly TargetSummary[], simulated: ReadonlySet<string>): string {
  const flaky = summaries.filter((summary) => summary.flakyCases.length > 0);
  if (flaky.length === 0) return '';
  const items = flaky.map((summary) => {
    const name = `${targetLabel(summary, simulated)}${summary.prompt === 'default' ? '' : ` <small>${escapeHtml(summary.prompt)}</small>`}`;
    return `<li>${name} (${summary.flakyCases.length} of ${summary.passRateCases}): ${summary.flakyCases.map((label) => `<code>${escapeHtml(label)}</code>`).join(', ')}</li>`;
  });
  return `<h2>Flaky cases</h2>
<p class="note">Cases that passed on some repeats and failed or went unanswered on others: the verdict on them is luck as much as the prompt.</p>
<ul class="flaky">${items.join('')}</ul>`;
}
