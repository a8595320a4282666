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

/**
 * The line for a log (a pipe, a file, CI): every figure, words instead of the bar, no colour,
 * and a fixed `progress: ` start that a reader of the log (or a test) can pick it out by.
 */
export function renderPlainProgressLine(snapshot: ProgressSnapshot): string {
  const parts = [`${snapshot.done}/${snapshot.total} (${percentDone(snapshot)})`];
  if (snapshot.finished) parts.push(`finished in ${formatDuration(snapshot.elapsedMs)}`);
  else {
    if (snapshot.slotsPerSecond !== undefined) parts.push(formatRate(snapshot.slotsPerSecond));
    if (snapshot.etaMs !== undefined) parts.push(`ETA ${formatDuration(snapshot.etaMs)}`);
  }
  const spend = formatSpend(snapshot.spentUsd, snapshot.maxCostUsd, ' of ');
  if (spend !== undefined) parts.push(`spent ${spend}`);
  if (snapshot.errors.length > 0) parts.push(`errors: ${snapshot.errors.map(({ type, count }) => `${safe(type)} ${count}`).join(', ')}`);
  if (snapshot.retries > 0) parts.push(`retries ${snapshot.retries}`);
  const targets = snapshot.targets.map((target) => {
    const figures = target.stopped ? ['stopped'] : [];
    if (target.ttftP50Ms !== undefined) figures.push(`TTFT p50 ${formatMilliseconds(target.ttftP50Ms)}`);
    if (target.passRate !== undefined) figures.push(`pass ${formatShare(target.passRate)}`);
    return `${safe(target.label)}${figures.length > 0 ? `: ${figures.join(', ')}` : ''}`;
  });
  return `progress: ${[...parts, ...targets].join(' · ')}`;
}

/** Picks out the lines renderPlainProgressLine writes. */
export function isProgressLine(line: string): boolean {
  return line.startsWith('progress: ');
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
  if (snapshot.slotsPerSecond !== undefined) add({ text: formatRate(snapshot.slotsPerSecond) });
  if (snapshot.etaMs !== undefined && !snapshot.finished) add({ text: `ETA ${formatDuration(snapshot.etaMs)}` });
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
