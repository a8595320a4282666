import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { progressSnapshot, targetProgress } from './progress-fixtures.ts';
import { renderPlainProgressLines } from './render-plain-progress-lines.ts';
import { renderProgressLine } from './render-progress-line.ts';

const target = targetProgress;
const snapshot = progressSnapshot;

describe('renderProgressLine', () => {
  it('shows every figure when the terminal is wide enough', () => {
    expect(renderProgressLine(snapshot(), { width: 300, colour: false })).toBe(
      '██░░░░░░░░░░░░░░ 123/800 15% · 4.1/s · ETA 2m41s · $0.0123/$1.00 · timeout 3 stream_error 1 · retries 2' +
        ' │ openai/gpt-4o-mini@openai 412ms 92%  openai/gpt-4o-mini@azure 380ms 88%  anthropic:claude-sonnet-4 stopped 412ms 92%',
    );
  });

  it('shortens the targets first (provider, then the middle of the label), drops the bar, leaves targets out, then compresses the errors', () => {
    const line = (width: number) => renderProgressLine(snapshot(), { width, colour: false });
    expect(line(200)).toBe(
      '██░░░░░░░░░░░░░░ 123/800 15% · 4.1/s · ETA 2m41s · $0.0123/$1.00 · timeout 3 stream_error 1 · retries 2' +
        ' │ gpt-4o-mini@openai 412ms 92%  gpt-4o-mini@azure 380ms 88%  claude-sonnet-4 stopped 412ms 92%',
    );
    expect(line(180)).toBe(
      '123/800 15% · 4.1/s · ETA 2m41s · $0.0123/$1.00 · timeout 3 stream_error 1 · retries 2' +
        ' │ gpt-4o-m…@openai 412ms 92%  gpt-4o-m…i@azure 380ms 88%  claude-sonnet-4 stopped 412ms 92%',
    );
    expect(line(150)).toBe('123/800 15% · 4.1/s · ETA 2m41s · $0.0123/$1.00 · timeout 3 stream_error 1 · retries 2 │ gpt-4o-mini@openai 412ms 92%  gpt-4o-mini@azure 380ms 88%  +1');
    expect(line(120)).toBe('123/800 15% · 4.1/s · ETA 2m41s · $0.0123/$1.00 · timeout 3 stream_error 1 · retries 2 │ gpt-4o-m…@openai 412ms 92%  +2');
    expect(line(100)).toBe('123/800 15% · 4.1/s · ETA 2m41s · $0.0123/$1.00 · timeout 3 stream_error 1 · retries 2 │ +3');
    expect(line(60)).toBe('123/800 15% · 4.1/s · ETA 2m41s · $0.0123/$1.00 · errors 4');
    expect(line(40)).toBe('123/800 15% · 4.1/s · ETA 2m41s');
    expect(line(10)).toBe('123/800');
    expect(line(5)).toBe('123/…');
  });

  it('never makes a line wider than asked, whatever the labels hold', () => {
    const hostile = snapshot({
      targets: [target('评测模型评测模型评测模型评测模型评测模型@云'), target('👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻'), target('e\u0301'.repeat(40)), target('x'.repeat(500))],
    });
    for (let width = 1; width <= 320; width++) {
      for (const colour of [false, true]) {
        const line = renderProgressLine(hostile, { width, colour });
        expect(stringWidth(stripVTControlCharacters(line)), `width ${width}`).toBeLessThanOrEqual(width);
      }
    }
  });

  it('keeps labels and error types from outside to one inert line', () => {
    const line = renderProgressLine(snapshot({ targets: [target('evil\x1b]52;c;cHduZWQ=\x07\nFAKE\u202Eok')], errors: [] }), { width: 400, colour: false });
    expect(line).not.toMatch(/[\x00-\x1f\x7f\u202e]/u);
    expect(line).toContain('evil\\x1B]52;c;cHduZWQ=\\x07\\nFAKE\\u202Eok');
  });

  it('colours only when asked, with the same text', () => {
    const plain = renderProgressLine(snapshot(), { width: 300, colour: false });
    const coloured = renderProgressLine(snapshot(), { width: 300, colour: true });
    expect(coloured).not.toBe(plain);
    expect(coloured).toContain('\x1b[31mtimeout 3 stream_error 1\x1b[39m');
    expect(stripVTControlCharacters(coloured)).toBe(plain);
  });

  it('after Ctrl-C, says the run is stopping instead of a rate and an ETA for requests that will never be sent', () => {
    const line = renderProgressLine(snapshot({ stoppedBy: 'signal', etaMs: undefined, targets: [] }), { width: 300, colour: false });
    expect(line).toBe('██░░░░░░░░░░░░░░ 123/800 15% · stopping: waiting for requests in flight · $0.0123/$1.00 · timeout 3 stream_error 1 · retries 2');
  });

  it('shows 100% only when every slot is done, and no ETA once finished', () => {
    expect(renderProgressLine(snapshot({ done: 799, total: 800, errors: [], retries: 0, targets: [] }), { width: 300, colour: false })).toContain('799/800 99%');
    expect(renderProgressLine(snapshot({ done: 800, total: 800, finished: true, errors: [], retries: 0, targets: [] }), { width: 300, colour: false })).toBe(
      '████████████████ 800/800 100% · 4.1/s · $0.0123/$1.00',
    );
  });
});

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Labels whose clusters a cut by code points would break: ZWJ families, flags, skin tones, combining marks, conjuncts. */
const clusterLabels = ['中文標籤😀👩‍👩‍👧‍👦'.repeat(8), '🇯🇵🇫🇷🇩🇪🇺🇸'.repeat(10), '👍🏽👍🏿'.repeat(20), 'e\u0301a\u0308'.repeat(30), 'क्षि'.repeat(20), `openai/${'👩‍💻'.repeat(30)}@azure`];
const wholeClusters = new Set(clusterLabels.flatMap((label) => [...graphemes.segment(label)].map(({ segment }) => segment)));
/** The clusters of a line that are not ASCII, not the line's own marks, and not whole clusters of a label. */
const brokenClusters = (line: string) =>
  [...graphemes.segment(stripVTControlCharacters(line))].map(({ segment }) => segment).filter((segment) => !/^[\x20-\x7e]$/u.test(segment) && !'…│█░·'.includes(segment) && !wholeClusters.has(segment));

describe('cutting labels', () => {
  it('cuts only between grapheme clusters, in the live line at every width and in the plain lines', () => {
    const labelled = snapshot({ targets: clusterLabels.map((label) => target(label)) });
    for (let width = 1; width <= 300; width++) expect(brokenClusters(renderProgressLine(labelled, { width, colour: false })), `width ${width}`).toEqual([]);
    const lines = renderPlainProgressLines(labelled);
    expect(lines.some((line) => line.includes('…'))).toBe(true);
    for (const line of lines) expect(brokenClusters(line)).toEqual([]);
  });
});
