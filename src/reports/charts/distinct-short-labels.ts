import stringWidth from 'string-width';
import { middleText } from './chart-text.ts';

/** A series' name in its two parts, each already made safe to show (chartText). */
export type LabelParts = { target: string; prompt?: string };

const separator = ' · ';

/**
 * Each series' label at most `columns` wide and different from every other's, in the series'
 * order: each part cut in its middle on its own (so the prompt is never cut off behind a long
 * target), and where two still read the same, each of those ends in its position (` #3`).
 */
export function distinctShortLabels(series: readonly LabelParts[], columns: number): string[] {
  const shown = series.map((parts) => shortLabel(parts, columns));
  const clashing = (labels: readonly string[]) => labels.map((label) => labels.indexOf(label) !== labels.lastIndexOf(label));
  const numbered = (label: string, position: number, clash: boolean) => (clash ? withPosition(series[position]!, columns, position) : label);
  const once = shown.map((label, position) => numbered(label, position, clashing(shown)[position]!));
  // A numbered label can meet an unnumbered one that reads the same: then every label is numbered, and the numbers differ.
  return clashing(once).some(Boolean) ? series.map((parts, position) => withPosition(parts, columns, position)) : once;
}

function withPosition(parts: LabelParts, columns: number, position: number): string {
  const suffix = ` #${position + 1}`;
  return `${shortLabel(parts, Math.max(1, columns - stringWidth(suffix)))}${suffix}`;
}

function shortLabel({ target, prompt }: LabelParts, columns: number): string {
  if (prompt === undefined) return middleText(target, columns);
  const available = Math.max(2, columns - stringWidth(separator));
  const targetWidth = stringWidth(target);
  const promptWidth = stringWidth(prompt);
  if (targetWidth + promptWidth <= available) return `${target}${separator}${prompt}`;
  // The prompt gets at least two fifths of the room, more when the target leaves it.
  const promptColumns = Math.min(promptWidth, Math.max(Math.floor((available * 2) / 5), available - targetWidth));
  return `${middleText(target, available - promptColumns)}${separator}${middleText(prompt, promptColumns)}`;
}
