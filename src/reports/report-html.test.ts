import { makeComparison } from '../stats/make-comparison.ts';
import { describe, expect, it } from 'vitest';
import { makeAttempt } from '../stats/make-attempt.ts';
import { summarize } from '../stats/summarize.ts';
import { reportHtml } from './report-html.ts';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'</details></pre>';

describe('report.html', () => {
  const records = [
    makeAttempt({ caseId: 'capital', target: 'a', output: 'Paris', timing: { ttftMs: 120 }, score: { score: 1, passed: true, reason: 'equals Paris' } }),
    makeAttempt({ caseId: 'capital', target: 'b', output: hostile, score: { score: 0, passed: false, reason: `expected Paris, got ${hostile}` } }),
    makeAttempt({ caseId: 'sum', target: 'a', output: '4', score: { score: 1, passed: true, reason: 'numeric' } }),
    makeAttempt({ caseId: 'sum', target: 'b', error: { type: 'rate_limited', message: `429 ${hostile}`, httpStatus: 429 } }),
  ];
  const html = reportHtml.render({
    records,
    summaries: summarize(records, [
      { target: 'a', prompt: 'default', slots: 2 },
      { target: 'b', prompt: 'default', slots: 3 },
    ]),
    comparisons: [makeComparison({
      baseTarget: 'a', target: 'b',
      passRate: { cases: 1, difference: -1, interval: { low: -1, high: 0.2 }, pValue: 1, adjustedPValue: 1, verdict: 'no detectable change' },
      ttftP50: { base: 1, current: 2, ratio: 2, interval: undefined, verdict: 'not enough data' },
    })],
    run: { runId: `run-${hostile}`, simulatedTargets: ['b'], incomplete: true },
  });

  it('escapes model output, reasons and errors everywhere, and allows no script', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The only elements are the report's own: the hostile </details> and </pre> stay text.
    expect(html.match(/<\/details>/g)).toHaveLength(4);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
  });

  it('shows each target\'s figures with its interval, the stop, and the simulated mark', () => {
    expect(html).toContain('INCOMPLETE');
    expect(html).toContain('b <em>simulated</em>');
    // b: 2 of 3 slots sent; its 429 is not a wrong answer: 1 scored, 0 passed.
    expect(html).toContain('2 of 3 <small>(1 not sent)</small>');
    expect(html).toMatch(/0\.0 \[0–\d+\]<div class="ci"/);
    expect(html).toMatch(/100\.0 \[\d+–100\]<div class="ci"/);
  });

  it('has a row per case with each target\'s verdict, and the answer behind it', () => {
    expect(html).toMatch(/<th scope="row">capital<\/th><td><details class="pass"><summary>pass<\/summary><small>repeat 1, attempt 1 · TTFT 120 ms<\/small><p>equals Paris<\/p><pre>Paris<\/pre>/);
    expect(html).toContain('<details class="error"><summary>rate_limited</summary>');
  });

  it('compares each target with the baseline on the same cases', () => {
    expect(html).toContain('<h2>Against the baseline a</h2>');
    expect(html).toMatch(/<td>b<\/td><td class="num">1<\/td><td class="num">-100\.0 \[-100\.0, \+20\.0\]<div class="ci">/);
    expect(html).toContain('<td class="num">1.0</td><td class="num">no change</td><td class="num">0/0</td><td class="num">×2.00</td>');
  });
  it('shows tool-call arguments nested 100,000 deep as … below 100 levels, instead of crashing with a RangeError', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    const deepRecords = [makeAttempt({ caseId: 'deep', target: 'a', output: 'x', toolCalls: [{ name: 'x', arguments: deep }] })];
    const page = reportHtml.render({ records: deepRecords, summaries: summarize(deepRecords, [{ target: 'a', prompt: 'default', slots: 1 }]), comparisons: [], run: { runId: 'deep', simulatedTargets: [] } });
    expect(page).toContain('&quot;…&quot;');
  });

  it('has a row per (dataset, case): q1 of two datasets is two rows, in the datasets\' order', () => {
    const twoDatasets = [
      makeAttempt({ dataset: 'other', caseId: 'q1', target: 'a', output: 'from other', score: { score: 0, passed: false, reason: 'no' } }),
      makeAttempt({ dataset: 'smoke', caseId: 'q1', target: 'a', output: 'from smoke', score: { score: 1, passed: true, reason: 'yes' } }),
      makeAttempt({ dataset: '<b>bold</b>', caseId: 'q1', target: 'a', output: 'hostile name' }),
    ];
    const page = reportHtml.render({
      records: twoDatasets,
      summaries: summarize(twoDatasets, [{ target: 'a', prompt: 'default', slots: 3 }]),
      comparisons: [],
      run: { runId: 'two', simulatedTargets: [], cases: [{ dataset: 'smoke', caseId: 'q1' }, { dataset: 'other', caseId: 'q1' }] },
    });
    const rows = [...page.matchAll(/<th scope="row">(.*?)<\/th><td>(.*?)<\/td><\/tr>/g)].map(([, label, cell]) => [label, /<summary>(\w+)<\/summary>/.exec(cell ?? '')?.[1], /<pre>(.*?)<\/pre>/.exec(cell ?? '')?.[1]]);
    expect(rows).toEqual([
      ['smoke/q1', 'pass', 'from smoke'],
      ['other/q1', 'fail', 'from other'],
      ['&lt;b&gt;bold&lt;/b&gt;/q1', 'answered', 'hostile name'],
    ]);
  });

  it('shows case ids alone when the run has one dataset', () => {
    const oneDataset = [makeAttempt({ dataset: 'smoke', caseId: 'q1', target: 'a', output: 'x' }), makeAttempt({ dataset: 'smoke', caseId: 'q2', target: 'a', output: 'y' })];
    const page = reportHtml.render({ records: oneDataset, summaries: summarize(oneDataset), comparisons: [], run: { runId: 'one', simulatedTargets: [] } });
    expect([...page.matchAll(/<th scope="row">(.*?)<\/th>/g)].map(([, label]) => label)).toEqual(['q1', 'q2']);
  });
});
