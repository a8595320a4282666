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
    // b: 2 of 3 slots sent; its 429 counts as a failure (Wilson 0 of 2: 0–66), and answered only
    // it failed 0 of 1 (0–79).
    expect(html).toContain('2 of 3 <small>(1 not sent)</small>');
    expect(html).toContain('0.0 [0–66] <small>of 2 cases</small><div class="ci"');
    expect(html).toMatch(/<\/div><small>answered only 0\.0 \[0–79\]<\/small>/);
    expect(html).toContain('100.0 [34–100] <small>of 2 cases</small><div class="ci"');
    // One TTFT sample bounds no percentile: the n each needs, never a number.
    expect(html).toContain('<small>p50</small> n&lt;6<br><small>p90</small> n&lt;36<br><small>p99</small> n&lt;368');
    expect(html).not.toContain('Flaky cases');
  });

  it('gives the median its interval, pass@k and pass^k with repeats, and lists the flaky cases, escaped', () => {
    const pass = { score: 1, passed: true, reason: '' };
    const fail = { score: 0, passed: false, reason: '' };
    const repeated = Array.from({ length: 13 }, (_, index) => [pass, index === 0 ? fail : pass].map((score, repeat) =>
      makeAttempt({ target: 'a', dataset: 'smoke', caseId: index === 0 ? hostile : `q${index}`, repeat: repeat + 1, score, timing: repeat === 0 ? { ttftMs: (index + 1) * 100 } : {} }))).flat();
    const page = reportHtml.render({ records: repeated, summaries: summarize(repeated), comparisons: [], run: { runId: 'repeats', simulatedTargets: [] } });
    expect(page).toContain('<small>p50</small> 700 [300–1100]<br><small>p90</small> n&lt;36<br><small>p99</small> n&lt;368');
    // pass@2 every case (Wilson 13 of 13: 77–100); pass^2 12 of 13 (67–99).
    expect(page).toContain('<small>pass@2</small> 100.0 [77–100]<br><small>pass^2</small> 92.3 [67–99]');
    expect(page).toContain('<h2>Flaky cases</h2>');
    expect(page).toContain('<li>a (1 of 13): <code>smoke/&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>');
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
