import { styleText } from 'node:util';
import { formatDuration, formatMilliseconds, formatRate, formatShare, formatSpend } from './format-progress.ts';
import type { ProgressSnapshot, TargetProgress } from './progress-state.ts';
import { cellWidth, percentDone, safe, shortLabels, stoppingText, truncate, truncateMiddle } from './progress-text.ts';

type Format = Parameters<typeof styleText>[0];
type Segment = { text: string; format?: Format };

/** Cells of the bar, when the line has room for it. */
const barCells = 16;
/** Widths the short labels are cut to, in turn. */
const labelWidths = [Number.POSITIVE_INFINITY, 24, 16, 10];
const separator: Segment = { text: ' · ', format: 'dim' };

/**
 * The live line for a terminal: never wider than `width` (it must not wrap, or the next redraw
 * leaves its first row behind). When room is short, the targets give way first: their labels lose
 * the provider (`gpt-4o-mini@azure`), then are cut in the middle (`gpt-4o-m…@azure`, where routes
 * differ); the bar goes; targets are left out from the end (`+2`). Then the error types become a
 * count, the retries go, and last whole figures from the end. Colour only when `colour` is set;
 * the width is the same either way.
 */
export function renderProgressLine(snapshot: ProgressSnapshot, options: { width: number; colour: boolean }): string {
  const width = Math.max(1, options.width);
  for (const candidate of candidates(snapshot)) {
    if (widthOf(candidate) <= width) return paint(candidate, options.colour);
  }
  return paint(cut(core(snapshot, { bar: false, errorTypes: false, retries: false }), width), options.colour);
}

/**
 * From the fullest line to the barest one with every core figure. The bar stays only while every
 * target fits with labels of 16 columns or more; then as many targets as fit, each count with the
 * widest labels that fit.
 */
function* candidates(snapshot: ProgressSnapshot): Generator<Segment[]> {
  const withBar = core(snapshot, { bar: true, errorTypes: true, retries: true });
  const withoutBar = core(snapshot, { bar: false, errorTypes: true, retries: true });
  const full = snapshot.targets.map((target) => safe(target.label));
  const short = shortLabels(full);
  // Cut once per width, not once per candidate.
  const shortAt = labelWidths.map((width) => short.map((label) => truncateMiddle(label, width)));
  const count = snapshot.targets.length;
  for (const labels of [full, ...shortAt.slice(0, -1)]) yield [...withBar, ...targetSegments(snapshot.targets, labels, count)];
  for (let shown = count; shown >= 0; shown--) {
    for (const labels of shortAt) yield [...withoutBar, ...targetSegments(snapshot.targets, labels, shown)];
  }
  yield core(snapshot, { bar: false, errorTypes: false, retries: true });
  yield core(snapshot, { bar: false, errorTypes: false, retries: false });
}

function core(snapshot: ProgressSnapshot, show: { bar: boolean; errorTypes: boolean; retries: boolean }): Segment[] {
  const segments: Segment[] = [];
  const add = (...added: Segment[]) => {
    if (segments.length > 0) segments.push(separator);
    segments.push(...added);
  };
  if (show.bar) {
    const filled = snapshot.total === 0 ? 0 : Math.min(barCells, Math.floor((barCells * snapshot.done) / snapshot.total));
    segments.push({ text: '█'.repeat(filled), format: 'green' }, { text: '░'.repeat(barCells - filled), format: 'dim' }, { text: ' ' });
  }
  segments.push({ text: `${snapshot.done}/${snapshot.total}`, format: 'bold' }, { text: ` ${percentDone(snapshot)}` });
  if (snapshot.stoppedBy === 'signal' && !snapshot.finished) add({ text: stoppingText, format: 'yellow' });
  else {
    if (snapshot.slotsPerSecond !== undefined) add({ text: formatRate(snapshot.slotsPerSecond) });
    if (snapshot.etaMs !== undefined && !snapshot.finished) add({ text: `ETA ${formatDuration(snapshot.etaMs)}` });
  }
  const spend = formatSpend(snapshot.spentUsd, snapshot.maxCostUsd);
  if (spend !== undefined) {
    const nearBudget = snapshot.maxCostUsd !== undefined && (snapshot.spentUsd ?? 0) >= 0.8 * snapshot.maxCostUsd;
    add({ text: spend, ...(nearBudget ? { format: 'yellow' } : {}) });
  }
  if (snapshot.errors.length > 0) {
    const total = snapshot.errors.reduce((sum, { count }) => sum + count, 0);
    const text = show.errorTypes ? snapshot.errors.map(({ type, count }) => `${safe(type)} ${count}`).join(' ') : `errors ${total}`;
    add({ text, format: 'red' });
  }
  if (show.retries && snapshot.retries > 0) add({ text: `retries ${snapshot.retries}`, format: 'yellow' });
  return segments;
}

function targetSegments(targets: readonly TargetProgress[], labels: readonly string[], shown: number): Segment[] {
  const segments: Segment[] = [];
  targets.slice(0, shown).forEach((target, index) => {
    segments.push(index === 0 ? { text: ' │ ', format: 'dim' } : { text: '  ' });
    segments.push({ text: labels[index]!, format: 'cyan' });
    if (target.stopped) segments.push({ text: ' stopped', format: 'red' });
    if (target.ttftP50Ms !== undefined) segments.push({ text: ` ${formatMilliseconds(target.ttftP50Ms)}` });
    if (target.passRate !== undefined) segments.push({ text: ` ${formatShare(target.passRate)}` });
  });
  if (shown < targets.length) segments.push({ text: shown === 0 ? ` │ +${targets.length}` : `  +${targets.length - shown}`, format: 'dim' });
  return segments;
}

/** Whole figures from the end until the rest fits; the first one cut only when it alone is too wide. */
function cut(segments: readonly Segment[], width: number): Segment[] {
  const kept = [...segments];
  while (kept.length > 1 && widthOf(kept) > width) {
    kept.pop();
    if (kept.at(-1) === separator) kept.pop();
  }
  return widthOf(kept) <= width ? kept : [{ ...kept[0]!, text: truncate(kept[0]!.text, width) }];
}

function widthOf(segments: readonly Segment[]): number {
  return segments.reduce((sum, segment) => sum + cellWidth(segment.text), 0);
}

function paint(segments: readonly Segment[], colour: boolean): string {
  return segments.map(({ text, format }) => (colour && format !== undefined && text !== '' ? styleText(format, text, { validateStream: false }) : text)).join('');
}
