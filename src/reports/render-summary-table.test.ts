import { describe, expect, it } from 'vitest';
import { makeAttempt } from '../stats/make-attempt.ts';
import { parseSlo } from '../stats/slo.ts';
import { summarize } from '../stats/summarize.ts';
import { displayWidth } from './display-width.ts';
import { renderSummaryTable } from './render-summary-table.ts';

/** The cells of the table line that mentions `label`. */
function cellsOf(table: string, label: string): string[] {
  const line = table.split('\n').find((candidate) => candidate.includes(label));
  if (!line) throw new Error(`no line with ${label} in\n${table}`);
  return line.split('│').slice(1, -1).map((cell) => cell.trim());
}

/** A two-line heading's cells, each column's lines joined with a space. */
function headingsOf(table: string): string[] {
  const [first, second] = table.split('\n').slice(1, 3).map((line) => line.split('│').slice(1, -1).map((cell) => cell.trim()));
  return first!.map((cell, index) => [cell, second![index]].filter(Boolean).join(' '));
}

const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));

const summaries = summarize([
  makeAttempt({
    target: 'openai:gpt-4o', caseId: 'c1', timing: { ttftMs: 4.26, e2eMs: 812.6, outputTps: 61.25 },
    costUsd: 0.000123, score: { score: 0.75, passed: true, reason: '' },
  }),
  makeAttempt({ target: 'openai:gpt-4o', caseId: 'c2', attempt: 1, final: false, error: { type: 'timeout', message: '' } }),
  makeAttempt({ target: 'openai:gpt-4o', caseId: 'c2', attempt: 2, error: { type: 'timeout', message: '' } }),
]).concat(
  // Summarized alone: nothing shows whether its case has assertions, so it has no pass rate.
  summarize([makeAttempt({ target: 'mock:slow', caseId: 'c3', error: { type: 'server_error', message: '' } })]),
);

const pass = { score: 1, passed: true, reason: '' };
const fail = { score: 0, passed: false, reason: '' };

describe('renderSummaryTable', () => {
  it('shows every figure with --wide, rounded for reading', () => {
    const table = renderSummaryTable(summaries, { wide: true });
    expect(cellsOf(table, 'target')).toEqual([
      'target', 'requests', 'success % [CI]', 'first-try %', 'errors', 'TTFT ms p50 [CI] / p90 / p99', 'e2e p50 ms [CI]',
      'tok/s p50 [CI]', 'cost $', '$/1k req', 'score', 'pass % [95% CI]',
    ]);
    // c1 passed, c2 timed out: a failure for the pass rate (Wilson 1 of 2: 9–91). One timing sample
    // is too few for any percentile: each shows the n it needs.
    expect(cellsOf(table, 'openai:gpt-4o')).toEqual([
      'openai:gpt-4o', '2', '50.0 [9–91]', '50.0', 'timeout 1', 'n<6 / n<36 / n<368', 'n<6', 'n<6', '0.000123', '0.0615', '0.750', '50.0 [9–91]',
    ]);
    expect(widest(table)).toBeGreaterThan(100);
  });

  it('shows the figures that decide within 100 columns by default, and says which it left out', () => {
    const table = renderSummaryTable(summaries);
    expect(headingsOf(table)).toEqual(['target', 'requests', 'success %', 'TTFT p50 ms', 'e2e p50 ms', 'tok/s p50', '$/1k req', 'pass % [95% CI]']);
    expect(cellsOf(table, 'openai:gpt-4o')).toEqual(['openai:gpt-4o', '2', '50.0', 'n<6', 'n<6', 'n<6', '0.0615', '50.0 [9–91]']);
    expect(widest(table)).toBeLessThanOrEqual(100);
    expect(table).not.toContain('Not shown');
    // At 60 columns: the pass rate, success and TTFT stay, in their places; the rest is named.
    const narrow = renderSummaryTable(summaries, { width: 60 });
    expect(headingsOf(narrow)).toEqual(['target', 'success %', 'TTFT p50 ms', 'pass % [95% CI]']);
    expect(narrow.split('\n').slice(-4, -2)).toEqual([
      'Not shown at this width: requests, e2e p50 ms, tok/s p50,',
      '  $/1k req (--wide shows every figure).',
    ]);
  });

  const hostileLabels = [
    'openai-compatible:some-very-long-model-name-that-goes-on@http://127.0.0.1:8000/v1',
    'evil\x1B[2J\nQUALITY GATE PASSED\u202Etxt',
    '模型模型模型模型模型模型模型模型模型模型模型模型@azure',
    '👩‍💻👩‍💻👩‍💻 e\u0301e\u0301e\u0301 emoji and combining marks, long enough to be cut',
    'x'.repeat(300),
  ];
  const hostile = hostileLabels.flatMap((target, index) => summarize([
    makeAttempt({ target, caseId: 'c1', timing: { ttftMs: 1234.5, e2eMs: 98765.4, outputTps: 1234.5 }, costUsd: 12.345678, score: pass }),
    makeAttempt({ target, caseId: 'c2', error: { type: index % 2 === 0 ? 'timeout' : 'stream_error', message: 'm' } }),
  ], [{ target, prompt: 'default', slots: 40 }]));

  for (const width of [60, 80, 100]) {
    it(`fits ${width} columns with long, wide and hostile labels, each shortened in its middle and inert`, () => {
      const table = renderSummaryTable(hostile, { width, simulatedTargets: [hostileLabels[0]!] });
      for (const line of table.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      expect(table).not.toMatch(/[\x1B\u202E]/);
      const rows = table.split('\n').filter((line) => line.startsWith('│ ') && !line.startsWith('│ target'));
      // One line per target: no label wrapped into a second line or broke the table.
      expect(rows.filter((line) => /\d/.test(line.split('│')[2] ?? ''))).toHaveLength(hostileLabels.length);
      // Both ends of a shortened label stay: the provider and the route or suffix tell targets apart.
      expect(table).toMatch(/│ open.*….*\/v1 \(simulated\) +│/);
      expect(table).toMatch(/│ x+…x+ +│/);
      expect(table).toMatch(/│ 模型.*….*@azure +│/);
      expect(cellsOf(table, '│ open').at(-1)).toBe('50.0 [9–91]');
      // The pass rate and success always fit; the note names what did not.
      expect(headingsOf(table).slice(1, 2)).toEqual(['success %']);
    });
  }

  // The demo's targets, with long labels: at every width the figures by rank come first.
  const demoLabels = ['openai/gpt-4o-mini@openai-eu-west-production', 'openai/gpt-4o-mini@azure-sweden-central-prod', 'anthropic:claude-sonnet-4-20250514@bedrock'];
  const demo = demoLabels.flatMap((target) => summarize([
    makeAttempt({ target, caseId: 'c1', timing: { ttftMs: 234.5, e2eMs: 765.4, outputTps: 123.4 }, costUsd: 0.0012, score: pass }),
    makeAttempt({ target, caseId: 'c2', timing: { ttftMs: 334.5, e2eMs: 865.4, outputTps: 113.4 }, costUsd: 0.0012, score: fail }),
  ]));
  const expectedAt: Record<number, string[]> = {
    40: ['target', 'success %', 'pass % [95% CI]'],
    60: ['target', 'success %', 'TTFT p50 ms', 'pass % [95% CI]'],
    80: ['target', 'success %', 'TTFT p50 ms', 'e2e p50 ms', '$/1k req', 'pass % [95% CI]'],
  };
  for (const width of [40, 60, 80, 100]) {
    it(`at ${width} columns keeps the figures by rank and shortens long labels first (pass % always)`, () => {
      const table = renderSummaryTable(demo, { width, simulatedTargets: demoLabels });
      for (const line of table.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      const headings = headingsOf(table);
      expect(headings).toContain('pass % [95% CI]');
      if (expectedAt[width]) expect(headings).toEqual(expectedAt[width]);
      else expect(headings.length).toBeGreaterThanOrEqual(6);
      // A label gives way, but never below 12 columns, and both its ends stay.
      const label = cellsOf(table, 'anth')[0]!;
      expect(displayWidth(label)).toBeGreaterThanOrEqual(12);
      expect(cellsOf(table, 'anth').at(-1)).toBe('50.0 [9–91]');
      expect(label).toMatch(/^an.*…/);
    });
  }

  it('shortens no label with --wide', () => {
    const table = renderSummaryTable(hostile, { wide: true });
    expect(table).toContain(`│ ${'x'.repeat(300)} │`);
    expect(table).not.toContain('…');
  });

  it('gives the pass rate over answered requests only under the table, for the targets with unanswered ones', () => {
    // gpt-4o: 1 of 1 answered passed (Wilson 1 of 1: 21–100); mock:slow has no pass rate at all.
    expect(renderSummaryTable(summaries).split('\n').slice(-2)).toEqual(['pass % counts unanswered requests as failed; over answered requests only: openai:gpt-4o 100.0', '  [21–100]']);
    const allAnswered = summarize([makeAttempt({ score: pass }), makeAttempt({ caseId: 'c2', score: fail })]);
    expect(renderSummaryTable(allAnswered)).not.toContain('answered requests only');
    // Wrapped to the width, never cut.
    const narrow = renderSummaryTable(summaries, { width: 60 }).split('\n');
    expect(narrow.slice(-2)).toEqual(['pass % counts unanswered requests as failed; over answered', '  requests only: openai:gpt-4o 100.0 [21–100]']);
  });

  it('leaves unknown figures empty and marks simulated targets', () => {
    const table = renderSummaryTable(summaries, { simulatedTargets: ['mock:slow'], wide: true });
    expect(cellsOf(table, 'mock:slow')).toEqual(['mock:slow (simulated)', '1', '0.0 [0–79]', '0.0', 'server_error 1', '', '', '', '', '', '', '']);
    expect(cellsOf(renderSummaryTable(summaries, { simulatedTargets: ['mock:slow'] }), 'mock:slow')).toEqual(['mock:slow (simulated)', '1', '0.0', '', '', '', '', '']);
  });

  it('gives a median its order-statistic interval and p90 and p99 only when the sample can bound them', () => {
    // 13 answers: the median of 100..1300 ms is 700, between the 3rd and 11th values (300 and 1100).
    const thirteen = summarize(Array.from({ length: 13 }, (_, index) =>
      makeAttempt({ caseId: `c${index}`, timing: { ttftMs: (index + 1) * 100, e2eMs: (index + 1) * 200, outputTps: index + 50.25 } })));
    const cells = cellsOf(renderSummaryTable(thirteen, { wide: true }), 'gpt-4o-mini');
    expect(cells.slice(5, 8)).toEqual(['700 [300–1100] / n<36 / n<368', '1400 [600–2200]', '56.3 [52–60]']);
    // Without --wide, the medians alone.
    expect(cellsOf(renderSummaryTable(thirteen), 'gpt-4o-mini').slice(3, 6)).toEqual(['700', '1400', '56.3']);
  });

  it('shows pass@k and pass^k with repeats, and names the flaky cases under the table, inert', () => {
    const hostileCase = 'q\x1B[31m2\nFORGED';
    const repeated = summarize([
      ...[pass, pass, pass].map((score, index) => makeAttempt({ dataset: 'smoke', caseId: 'q1', repeat: index + 1, score })),
      ...[pass, fail, pass].map((score, index) => makeAttempt({ dataset: 'smoke', caseId: hostileCase, repeat: index + 1, score })),
      ...[fail, fail, fail].map((score, index) => makeAttempt({ dataset: 'smoke', caseId: 'q3', repeat: index + 1, score })),
    ]);
    const table = renderSummaryTable(repeated);
    expect(headingsOf(table).at(-1)).toBe('pass@3 / ^3 %');
    // pass@3: q1 and the flaky one (2 of 3); pass^3: q1 alone.
    expect(cellsOf(table, 'gpt-4o-mini').at(-1)).toBe('66.7 / 33.3');
    expect(table).not.toContain('\x1B');
    expect(table.split('\n').slice(-2)).toEqual([
      'Flaky cases (passed on some repeats, failed or unanswered on others):',
      '  openai:gpt-4o-mini: smoke/q\\x1B[31m2\\nFORGED',
    ]);
    // Without repeats there is neither the column nor the list.
    expect(renderSummaryTable(summaries)).not.toMatch(/pass@|Flaky/);
  });

  it('adds a prompt column only when prompts are compared', () => {
    expect(renderSummaryTable(summaries)).not.toContain('prompt');
    const table = renderSummaryTable(summarize([makeAttempt({ prompt: 'terse' }), makeAttempt({ prompt: 'default' })]));
    expect(cellsOf(table, 'terse').slice(0, 2)).toEqual(['openai:gpt-4o-mini', 'terse']);
  });

  it('shows labels with control characters or line breaks as one inert line, with the table intact', () => {
    const hostileTarget = 'evil\x1B[2J\nQUALITY GATE PASSED\u202Etxt';
    const table = renderSummaryTable(summarize([makeAttempt({ target: hostileTarget, prompt: 'p\x1B]52;c;eA==\x07' }), makeAttempt({ target: hostileTarget, prompt: 'default' })]), { wide: true });
    expect(table).not.toMatch(/[\x1B\x07\u202E]/);
    expect(cellsOf(table, 'evil').slice(0, 2)).toEqual(['evil\\x1B[2J\\nQUALITY GATE PASSED\\u202Etxt', 'p\\x1B]52;c;eA==\\x07']);
    // Every line of the table is as wide as the others.
    const tableLines = table.split('\n').filter((line) => /^[│┌├└]/.test(line));
    expect(new Set(tableLines.map((line) => line.length)).size).toBe(1);
  });
});

describe('renderSummaryTable under load', () => {
  // Two targets driven open loop, due every 100 ms: 'slow:held' answers late from its scheduled
  // time (its requests waited 200 ms to be sent); 'fast' does not.
  const openLoop = (target: string, wait: number) => Array.from({ length: 8 }, (_, index) => makeAttempt({
    target, caseId: `c${index}`, schedule: { scheduledMs: 100 * index, sentMs: 100 * index + wait, dispatchDelayMs: wait },
    timing: { ttftMs: 100 + index, ttftFromScheduledMs: 100 + index + wait, e2eMs: 400, e2eFromScheduledMs: 400 + wait },
    costUsd: 0.001, score: index < 6 ? pass : fail,
  }));
  const slo = parseSlo(['ttft<=250']);
  const loaded = [...summarize(openLoop('fast', 0), undefined, { slo }), ...summarize(openLoop('slow:held', 200), undefined, { slo })];

  it('shows TTFT from the scheduled time beside TTFT from the send, and goodput, within 100 columns', () => {
    const table = renderSummaryTable(loaded, { openLoop: true });
    for (const line of table.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(100);
    expect(headingsOf(table)).toEqual(['target', 'success %', 'TTFT p50 ms', 'TTFT p50 sched ms', 'e2e p50 ms', '$/1k req', 'pass % [95% CI]', 'goodput %']);
    expect(table.split('\n').at(-1)).toBe('Not shown at this width: requests, tok/s p50 (--wide shows every figure).');
    // TTFT 100..107 from the send for both; from the scheduled time the held one's is 200 ms later,
    // so none of its requests meets ttft<=250 (goodput 0), and all of fast's do.
    expect(cellsOf(table, 'fast')).toEqual(['fast', '100.0', '104', '104', '400', '1.00', '75.0 [41–93]', '100.0']);
    expect(cellsOf(table, 'slow:held')).toEqual(['slow:held', '100.0', '104', '304', '400', '1.00', '75.0 [41–93]', '0.0']);
  });

  it('keeps goodput and the scheduled TTFT before TTFT from the send when room is short', () => {
    expect(headingsOf(renderSummaryTable(loaded, { width: 60, openLoop: true }))).toEqual(['target', 'success %', 'TTFT p50 sched ms', 'pass % [95% CI]', 'goodput %']);
  });

  it('gives the rate sent, TTFT from the scheduled time with its interval and goodput with its interval and rate with --wide', () => {
    const table = renderSummaryTable(loaded, { wide: true, openLoop: true });
    const headings = cellsOf(table, 'target');
    expect(headings.slice(5, 9)).toEqual(['TTFT ms p50 [CI] / p90 / p99', 'sent/s', 'TTFT from sched ms p50 [CI] / p99', 'e2e p50 ms [CI]']);
    expect(headings.slice(-2)).toEqual(['goodput % [95% CI]', 'goodput/s']);
    // 8 sends over 700 ms: 10 a second; none of the held one's requests met the SLO.
    const held = cellsOf(table, 'slow:held');
    expect(held.slice(6, 8)).toEqual(['10.0', '304 [300–307] / n<368']);
    expect(held.slice(-2)).toEqual(['0.0 [0–32]', '0.0']);
  });

  it('adds neither column to a closed-loop run without --slo', () => {
    const table = renderSummaryTable(summarize([makeAttempt({ caseId: 'a', timing: { ttftMs: 5 } })]), { wide: true, openLoop: true });
    expect(table).not.toMatch(/sched|goodput|sent\/s/);
    // A closed-loop run's records count from the moment a request got its place: no column of the same figures again.
    const closed = renderSummaryTable(loaded, { wide: true });
    expect(closed).not.toMatch(/sched|sent\/s/);
    expect(closed).toContain('goodput % [95% CI]');
  });
});
