import * as Plot from '@observablehq/plot';
import { shortText } from './chart-text.ts';
import type { ChartSeries } from './chart-series.ts';

/** Columns of label a band chart's left margin holds (10px text in `bandMarginLeft`). */
const labelColumns = 28;
export const bandMarginLeft = 190;

/**
 * The series' names down a band axis, each with a swatch of its colour, in place of Plot's axis
 * labels: these are shortened with the whole label in a tooltip, and stay distinct where two
 * labels read the same (the band is the series' key).
 */
export function seriesLabels(rows: ReadonlyArray<{ one: ChartSeries; note?: string }>): Plot.Markish[] {
  const data = rows.map(({ one, note }) => ({ key: one.key, colour: one.colour, label: one.label, text: `${shortText(one.label, labelColumns)}${note ? `\n${note}` : ''}` }));
  return [
    Plot.dot(data, { y: 'key', frameAnchor: 'left', dx: -8, r: 4, fill: 'colour', ariaDescription: 'series swatch' }),
    Plot.text(data, { y: 'key', frameAnchor: 'left', dx: -16, textAnchor: 'end', text: 'text', title: 'label', ariaDescription: 'series label' }),
  ];
}
