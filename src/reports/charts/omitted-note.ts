import { shortText } from './chart-text.ts';
import type { ChartSeries } from './chart-series.ts';

/** Captions name a left-out series by its label, shortened as a legend shortens it. */
const captionLabelColumns = 60;

/** ` Not shown: a, b (no answer with a TTFT); c (no cost).`, or nothing when every series is drawn. */
export function omittedNote(...groups: ReadonlyArray<{ series: readonly ChartSeries[]; reason: string }>): string {
  const parts = groups.filter((group) => group.series.length > 0).map((group) => `${group.series.map((one) => shortText(one.label, captionLabelColumns)).join(', ')} (${group.reason})`);
  return parts.length === 0 ? '' : ` Not shown: ${parts.join('; ')}.`;
}
