import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { ProgressSnapshot, TargetProgress } from './progress-state.ts';
import { isProgressLine, renderPlainProgressLine, renderProgressLine } from './render-progress-line.ts';

const target = (label: string, overrides: Partial<TargetProgress> = {}): TargetProgress => ({ label, ttftP50Ms: 412, passRate: 0.92, stopped: false, ...overrides });

const snapshot = (overrides: Partial<ProgressSnapshot> = {}): ProgressSnapshot => ({
  done: 123,
  total: 800,
  elapsedMs: 30_000,
  slotsPerSecond: 4.1,
  etaMs: 161_000,
  errors: [{ type: 'timeout', count: 3 }, { type: 'stream_error', count: 1 }],
  retries: 2,
  spentUsd: 0.0123,
  maxCostUsd: 1,
  targets: [target('openai/gpt-4o-mini@openai'), target('openai/gpt-4o-mini@azure', { ttftP50Ms: 380, passRate: 0.88 }), target('anthropic:claude-sonnet-4', { stopped: true })],
  finished: false,
  ...overrides,
});

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

  it('shows 100% only when every slot is done, and no ETA once finished', () => {
    expect(renderProgressLine(snapshot({ done: 799, total: 800, errors: [], retries: 0, targets: [] }), { width: 300, colour: false })).toContain('799/800 99%');
    expect(renderProgressLine(snapshot({ done: 800, total: 800, finished: true, errors: [], retries: 0, targets: [] }), { width: 300, colour: false })).toBe(
      '████████████████ 800/800 100% · 4.1/s · $0.0123/$1.00',
    );
  });
});

describe('renderPlainProgressLine', () => {
  it('writes every figure in words, with no width limit and no colour', () => {
    const line = renderPlainProgressLine(snapshot());
    expect(line).toBe(
      'progress: 123/800 (15%) · 4.1/s · ETA 2m41s · spent $0.0123 of $1.00 · errors: timeout 3, stream_error 1 · retries 2' +
        ' · openai/gpt-4o-mini@openai: TTFT p50 412ms, pass 92% · openai/gpt-4o-mini@azure: TTFT p50 380ms, pass 88%' +
        ' · anthropic:claude-sonnet-4: stopped, TTFT p50 412ms, pass 92%',
    );
    expect(isProgressLine(line)).toBe(true);
  });

  it('says when the run finished, and leaves out what is unknown', () => {
    const line = renderPlainProgressLine(snapshot({ done: 800, finished: true, elapsedMs: 192_000, errors: [], retries: 0, spentUsd: undefined, maxCostUsd: undefined, targets: [target('a', { ttftP50Ms: undefined, passRate: undefined })] }));
    expect(line).toBe('progress: 800/800 (100%) · finished in 3m12s · a');
  });
});
