import { shortText } from './chart-text.ts';
import type { ChartSeries } from './chart-series.ts';

/** Captions name a left-out series by its label, shortened as a legend shortens it. */
const captionLabelColumns = 60;

/** ` Not shown: a, b (no answers with a TTFT).`, or nothing when every series is drawn. */
export function omittedNote(series: readonly ChartSeries[], reason: string): string {
  if (series.length === 0) return '';
  return ` Not shown: ${series.map((one) => shortText(one.label, captionLabelColumns)).join(', ')} (${reason}).`;
}
