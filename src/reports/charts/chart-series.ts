import type { AttemptRecord } from '../../records/attempt-record.ts';
import { pairKey } from '../../stats/pair-key.ts';
import type { TargetSummary } from '../../stats/target-summary.ts';
import { chartText } from './chart-text.ts';
import { distinctShortLabels } from './distinct-short-labels.ts';

/**
 * Colours that stay apart for the common colour-vision deficiencies and in grey print (Okabe and
 * Ito's set without its yellow, which vanishes on white paper, and a brown). Past eight series
 * the colours repeat with a dashed line or a hollow point.
 */
export const seriesColours = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#000000', '#8C564B'] as const;

/** Columns of a series' name in a legend or down a band axis (10px text in 190px), and in a caption. */
export const shortLabelColumns = 28;
const captionLabelColumns = 60;

/** One (target, prompt) of the run as every chart draws it: the same colour everywhere. */
export type ChartSeries = {
  /** Its position in the summaries, as a string: unique where two labels read the same. */
  key: string;
  /** The target, or `target · prompt` when the run has several prompts; made safe to show (chartText), not shortened. */
  label: string;
  /** The label as a legend or an axis shows it: at most `shortLabelColumns` wide, and no two series' alike. */
  shortLabel: string;
  /** The label as a caption names it: at most 60 columns, and no two series' alike. */
  captionLabel: string;
  colour: string;
  /** Set from the ninth series on, when the colours repeat. */
  dashed: boolean;
  summary: TargetSummary;
};

/** The series of the run's summaries, in their order. */
export function chartSeries(summaries: readonly TargetSummary[]): ChartSeries[] {
  const prompts = new Set(summaries.map((summary) => summary.prompt));
  const parts = summaries.map((summary) => ({ target: chartText(summary.target), ...(prompts.size > 1 ? { prompt: chartText(summary.prompt) } : {}) }));
  const short = distinctShortLabels(parts, shortLabelColumns);
  const caption = distinctShortLabels(parts, captionLabelColumns);
  return summaries.map((summary, index) => ({
    key: String(index),
    label: parts[index]!.prompt === undefined ? parts[index]!.target : `${parts[index]!.target} · ${parts[index]!.prompt}`,
    shortLabel: short[index]!,
    captionLabel: caption[index]!,
    colour: seriesColours[index % seriesColours.length]!,
    dashed: index >= seriesColours.length,
    summary,
  }));
}

/** The records of each series, by its key; a record of no series (none in a report's input) is left out. */
export function recordsBySeries(series: readonly ChartSeries[], records: readonly AttemptRecord[]): Map<string, AttemptRecord[]> {
  const keys = new Map(series.map((one) => [pairKey(one.summary), one.key]));
  const grouped = new Map<string, AttemptRecord[]>(series.map((one) => [one.key, []]));
  for (const record of records) {
    const key = keys.get(pairKey(record));
    if (key !== undefined) grouped.get(key)!.push(record);
  }
  return grouped;
}
