import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { progressSnapshot, targetProgress } from './progress-fixtures.ts';
import { isProgressLine, plainWidth, renderPlainProgressLines } from './render-plain-progress-lines.ts';

const target = targetProgress;
const snapshot = progressSnapshot;

describe('renderPlainProgressLines', () => {
  it('writes one line in words when the run and its targets fit in 99 columns, with no colour', () => {
    const lines = renderPlainProgressLines(snapshot({ errors: [], retries: 0, spentUsd: undefined, maxCostUsd: undefined, targets: [target('openai/gpt-4o')] }));
    expect(lines).toEqual(['progress: 123/800 (15%) · 4.1/s · ETA 2m41s · openai/gpt-4o: TTFT p50 412ms, pass 92%']);
    expect(stringWidth(lines[0]!)).toBeLessThanOrEqual(plainWidth);
  });

  it('writes the run line, then a line a target, when they do not fit on one', () => {
    expect(renderPlainProgressLines(snapshot())).toEqual([
      'progress: 123/800 (15%) · 4.1/s · ETA 2m41s · spent $0.0123 of $1.00 · retries 2',
      'progress:   errors: timeout 3, stream_error 1',
      'progress:   openai/gpt-4o-mini@openai: TTFT p50 412ms, pass 92%',
      'progress:   openai/gpt-4o-mini@azure: TTFT p50 380ms, pass 88%',
      'progress:   anthropic:claude-sonnet-4: stopped, TTFT p50 412ms, pass 92%',
    ]);
  });

  it('keeps every line within 99 columns (or a narrower width), whatever the labels and errors, and each is a progress line', () => {
    const hostile = snapshot({
      errors: [{ type: 'timeout', count: 3 }, { type: 'stream_error', count: 1 }, { type: 'rate_limited', count: 12 }, { type: 'network', count: 4 }, { type: 'server_error', count: 2 }, { type: 'bad_response', count: 9 }],
      targets: [target('y'.repeat(300)), target('中文標籤😀👩‍👩‍👧‍👦'.repeat(8)), target('evil\x1b[31mRED\u202Eok'), target('openai/gpt-4o', { ttftP50Ms: 12_345, stopped: true, passRate: 1 })],
    });
    for (const width of [plainWidth, 80, 60, 40]) {
      const lines = renderPlainProgressLines(hostile, width);
      // The run, its errors, four targets.
      expect(lines).toHaveLength(6);
      for (const line of lines) {
        expect(stringWidth(line), line).toBeLessThanOrEqual(width);
        expect(isProgressLine(line)).toBe(true);
        expect(line).not.toMatch(/[\x00-\x1f\x7f\u202e]/u);
      }
    }
    const lines = renderPlainProgressLines(hostile);
    // The 300-column label is cut in its middle; the figures after it stay whole.
    expect(lines[2]).toMatch(/^progress: {3}y+…y+: TTFT p50 412ms, pass 92%$/u);
    expect(lines[5]).toBe('progress:   openai/gpt-4o: stopped, TTFT p50 12.3s, pass 100%');
  });

  it('says when the run finished, and leaves out what is unknown', () => {
    const lines = renderPlainProgressLines(snapshot({ done: 800, finished: true, elapsedMs: 192_000, errors: [], retries: 0, spentUsd: undefined, maxCostUsd: undefined, targets: [target('a', { ttftP50Ms: undefined, passRate: undefined })] }));
    expect(lines).toEqual(['progress: 800/800 (100%) · finished in 3m12s · a']);
  });

  it('says a run stopped by Ctrl-C is stopping, with no rate or ETA, and was interrupted; one stopped at --max-cost says so', () => {
    const bare = { errors: [], retries: 0, spentUsd: undefined, maxCostUsd: undefined, targets: [target('a')] };
    expect(renderPlainProgressLines(snapshot({ ...bare, stoppedBy: 'signal', etaMs: undefined }))).toEqual(['progress: 123/800 (15%) · stopping: waiting for requests in flight · a: TTFT p50 412ms, pass 92%']);
    expect(renderPlainProgressLines(snapshot({ ...bare, finished: true, elapsedMs: 35_000, stoppedBy: 'signal' }))).toEqual(['progress: 123/800 (15%) · interrupted after 35s · a: TTFT p50 412ms, pass 92%']);
    expect(renderPlainProgressLines(snapshot({ ...bare, finished: true, elapsedMs: 35_000, stoppedBy: 'budget' }))).toEqual(['progress: 123/800 (15%) · stopped at --max-cost after 35s · a: TTFT p50 412ms, pass 92%']);
  });
});
