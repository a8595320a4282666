import type { ChartSeries } from './chart-series.ts';

/** Names each left-out series by its caption label (no two alike): ` Not shown: a, b (no answer with a TTFT); c (no cost).`, or nothing when every series is drawn. */
export function omittedNote(...groups: ReadonlyArray<{ series: readonly ChartSeries[]; reason: string }>): string {
  const parts = groups.filter((group) => group.series.length > 0).map((group) => `${group.series.map((one) => one.captionLabel).join(', ')} (${group.reason})`);
  return parts.length === 0 ? '' : ` Not shown: ${parts.join('; ')}.`;
}
