import * as Plot from '@observablehq/plot';
import type { ChartSeries } from './chart-series.ts';

/** Room for `shortLabelColumns` of 10px text and a swatch. */
export const bandMarginLeft = 190;

/**
 * The series' names down a band axis, each with a swatch of its colour, in place of Plot's axis
 * labels: each series' short label (no two alike) with the whole label in a tooltip. The
 * band is the series' key, so two series get their own rows whatever their labels. A swatch is
 * hollow from the ninth series on, where the colours repeat, as the other charts' points are.
 */
export function seriesLabels(rows: ReadonlyArray<{ one: ChartSeries; note?: string }>): Plot.Markish[] {
  const data = rows.map(({ one, note }) => ({ key: one.key, colour: one.colour, label: one.label, fill: one.dashed ? 'white' : one.colour, text: `${one.shortLabel}${note ? `\n${note}` : ''}` }));
  return [
    Plot.dot(data, { y: 'key', frameAnchor: 'left', dx: -8, r: 4, fill: 'fill', stroke: 'colour', strokeWidth: 1.5, ariaDescription: 'series swatch' }),
    Plot.text(data, { y: 'key', frameAnchor: 'left', dx: -16, textAnchor: 'end', text: 'text', title: 'label', ariaDescription: 'series label' }),
  ];
}
