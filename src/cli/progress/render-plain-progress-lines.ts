import { formatDuration, formatMilliseconds, formatRate, formatShare, formatSpend } from './format-progress.ts';
import type { ProgressSnapshot, TargetProgress } from './progress-state.ts';
import { cellWidth, percentDone, safe, shortLabels, stoppingText, truncate, truncateMiddle } from './progress-text.ts';

/** Off a terminal, no progress line is wider than this (a CI log's viewer, an editor's window). */
export const plainWidth = 99;
const plainStart = 'progress: ';
/** A target's own line starts with the same word, indented under the run's line. */
const plainTargetStart = `${plainStart}  `;

/**
 * The lines for a log (a pipe, a file, CI): every figure, words instead of the bar, no colour,
 * each starting `progress: ` so a reader of the log (or a test) can pick them out, and none wider
 * than `width`. When the run and its targets fit on one line, one line; otherwise the run's line
 * (its errors by type on a line of their own when they do not fit on it), then one line a target. Every target keeps its line, rather than `+N` as the live line does: in
 * a CI log these lines are the only progress there is, and nothing is redrawn over them. `split`
 * asks for the run's line and a line a target even when they would fit on one (the driver keeps a
 * log's layout once it has split, rather than flip as the figures' widths change). A label
 * too long for its line is cut as the live line cuts it: first its provider, then its middle.
 */
export function renderPlainProgressLines(snapshot: ProgressSnapshot, width = plainWidth, options: { split?: boolean } = {}): string[] {
  const targets = snapshot.targets.map((target) => ({ label: safe(target.label), figures: plainFigures(target) }));
  const joined = (label: string, figures: string) => (figures === '' ? label : `${label}: ${figures}`);
  const oneLine = `${plainStart}${[...plainRunParts(snapshot, true), ...targets.map(({ label, figures }) => joined(label, figures))].join(' · ')}`;
  if (options.split !== true && cellWidth(oneLine) <= width) return [oneLine];
  const errors = errorsText(snapshot);
  const withErrors = `${plainStart}${plainRunParts(snapshot, true).join(' · ')}`;
  // Errors that do not fit on the run's line get their own, under it.
  const runLines =
    cellWidth(withErrors) <= width || errors === undefined
      ? [truncate(withErrors, width)]
      : [truncate(`${plainStart}${plainRunParts(snapshot, false).join(' · ')}`, width), truncate(`${plainTargetStart}${errors}`, width)];
  const short = shortLabels(targets.map(({ label }) => label));
  const targetLines = targets.map(({ label, figures }, index) => {
    const room = width - cellWidth(plainTargetStart) - cellWidth(joined('', figures));
    const fitted = cellWidth(label) <= room ? label : truncateMiddle(short[index]!, Math.max(room, minimumLabelWidth));
    return truncate(`${plainTargetStart}${joined(fitted, figures)}`, width);
  });
  return [...runLines, ...targetLines];
}

/** Narrower than this, a label says too little to be worth its line's room. */
const minimumLabelWidth = 10;

function plainRunParts(snapshot: ProgressSnapshot, withErrors: boolean): string[] {
  const parts = [`${snapshot.done}/${snapshot.total} (${percentDone(snapshot)})`];
  if (snapshot.finished) parts.push(`${endedAs(snapshot)} ${formatDuration(snapshot.elapsedMs)}`);
  else if (snapshot.stoppedBy === 'signal') parts.push(stoppingText);
  else {
    if (snapshot.slotsPerSecond !== undefined) parts.push(formatRate(snapshot.slotsPerSecond));
    if (snapshot.etaMs !== undefined) parts.push(`ETA ${formatDuration(snapshot.etaMs)}`);
  }
  const spend = formatSpend(snapshot.spentUsd, snapshot.maxCostUsd, ' of ');
  if (spend !== undefined) parts.push(`spent ${spend}`);
  const errors = errorsText(snapshot);
  if (withErrors && errors !== undefined) parts.push(errors);
  if (snapshot.retries > 0) parts.push(`retries ${snapshot.retries}`);
  return parts;
}

function errorsText(snapshot: ProgressSnapshot): string | undefined {
  if (snapshot.errors.length === 0) return undefined;
  return `errors: ${snapshot.errors.map(({ type, count }) => `${safe(type)} ${count}`).join(', ')}`;
}

function plainFigures(target: TargetProgress): string {
  const figures = target.stopped ? ['stopped'] : [];
  if (target.ttftP50Ms !== undefined) figures.push(`TTFT p50 ${formatMilliseconds(target.ttftP50Ms)}`);
  if (target.passRate !== undefined) figures.push(`pass ${formatShare(target.passRate)}`);
  return figures.join(', ');
}

/** What the last line says of how the run ended. */
function endedAs(snapshot: ProgressSnapshot): string {
  if (snapshot.stoppedBy === 'signal') return 'interrupted after';
  if (snapshot.stoppedBy === 'budget') return 'stopped at --max-cost after';
  return 'finished in';
}

/** Picks out the lines renderPlainProgressLines writes, each of them. */
export function isProgressLine(line: string): boolean {
  return line.startsWith(plainStart);
}
