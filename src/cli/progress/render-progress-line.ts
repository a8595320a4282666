import { styleText } from 'node:util';
import stringWidth from 'string-width';
import { terminalSafe } from '../../reports/terminal-safe.ts';
import { formatDuration, formatMilliseconds, formatRate, formatShare, formatSpend } from './format-progress.ts';
import type { ProgressSnapshot, TargetProgress } from './progress-state.ts';

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

/** After Ctrl-C, instead of a rate and an ETA for requests that will never be sent. */
const stoppingText = 'stopping: waiting for requests in flight';

/** Picks out the lines renderPlainProgressLines writes, each of them. */
export function isProgressLine(line: string): boolean {
  return line.startsWith(plainStart);
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

/** Labels without their provider (`openai/`, `anthropic:`), when they stay apart without it. */
function shortLabels(labels: readonly string[]): string[] {
  const short = labels.map((label) => label.replace(/^[^/:@\s]+[/:](?=.)/u, ''));
  return new Set(short).size === new Set(labels).size ? short : [...labels];
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

function percentDone(snapshot: ProgressSnapshot): string {
  if (snapshot.total === 0) return '0%';
  // Floored: 100% only once every slot is done.
  return `${Math.floor((100 * snapshot.done) / snapshot.total)}%`;
}

/** A label or an error type from outside: one line, inert. */
function safe(text: string): string {
  return terminalSafe(text, { oneLine: true });
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** At most `width` columns, a cut one ending in `…`. */
function truncate(text: string, width: number): string {
  if (cellWidth(text) <= width) return text;
  return `${fitGraphemes([...graphemes.segment(text)].map(({ segment }) => segment), width - 1).join('')}…`;
}

/** At most `width` columns, a cut one keeping its start and its end around `…`. */
function truncateMiddle(text: string, width: number): string {
  if (cellWidth(text) <= width) return text;
  const room = width - 1;
  if (printableAscii.test(text)) return `${text.slice(0, Math.ceil(room / 2))}…${text.slice(text.length - Math.floor(room / 2))}`;
  const all = [...graphemes.segment(text)].map(({ segment }) => segment);
  const head = fitGraphemes(all, Math.ceil(room / 2));
  const tail = fitGraphemes(all.toReversed(), room - widthOfTexts(head)).toReversed();
  return `${head.join('')}…${tail.join('')}`;
}

/** The first graphemes that fit in `width` columns. */
function fitGraphemes(all: readonly string[], width: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const grapheme of all) {
    const next = cellWidth(grapheme);
    if (used + next > width) break;
    kept.push(grapheme);
    used += next;
  }
  return kept;
}

function widthOfTexts(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + cellWidth(text), 0);
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

/** Printable ASCII is one column a character; other text is measured once and remembered a while. */
const printableAscii = /^[\x20-\x7E]*$/;
const measured = new Map<string, number>();
function cellWidth(text: string): number {
  if (printableAscii.test(text)) return text.length;
  let width = measured.get(text);
  if (width === undefined) {
    if (measured.size >= 1_000) measured.clear();
    width = stringWidth(text);
    measured.set(text, width);
  }
  return width;
}

function paint(segments: readonly Segment[], colour: boolean): string {
  return segments.map(({ text, format }) => (colour && format !== undefined && text !== '' ? styleText(format, text, { validateStream: false }) : text)).join('');
}
