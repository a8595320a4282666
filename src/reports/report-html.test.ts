import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import { makeComparison } from '../stats/make-comparison.ts';
import { summarize } from '../stats/summarize.ts';
import type { ChartFigure } from './html/charts-html.ts';
import type { ReportInput } from './report-input.ts';
import { reportHtml, reportPage } from './report-html.ts';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'</details></pre>';

const pass = (reason = 'ok') => ({ score: 1, passed: true, reason });
const fail = (reason = 'wrong') => ({ score: 0, passed: false, reason });

function inputOf(records: AttemptRecord[], run: Partial<ReportInput['run']> = {}, extra: Partial<ReportInput> = {}): ReportInput {
  return { records, summaries: summarize(records), comparisons: [], run: { runId: 'run-1', simulatedTargets: [], ...run }, ...extra };
}

/**
 * Every element with its attributes, in document order: what a page is made of, apart from its
 * text. Elements of a chart (inside a figure) are marked `chart:`.
 */
function skeleton(html: string): string[] {
  const out: string[] = [];
  type Node = { nodeName: string; attrs?: Array<{ name: string; value: string }>; childNodes?: Node[]; content?: Node };
  const walk = (node: Node, inChart = false) => {
    if (node.attrs) out.push(`${inChart ? 'chart:' : ''}${node.nodeName}${node.attrs.map((attribute) => ` ${attribute.name}=${attribute.value}`).join('')}`);
    for (const child of node.childNodes ?? []) walk(child, inChart || node.nodeName === 'figure');
    if (node.content) walk(node.content, inChart);
  };
  walk(parse(html) as unknown as Node);
  return out;
}

/** The rows of the cases' tables, as [label, first verdict word per column]. */
function caseTable(html: string): Array<[string, string[]]> {
  return [...html.matchAll(/<tr id="case-\d+"><th>(.*?)<\/th><td>.*?<\/td>(<td.*?)<\/tr>/g)].map(([, label, cells]) => [
    label ?? '',
    [...(cells ?? '').matchAll(/<td class="[a-z]+">(?:<div class="[a-z]+">)?(?:<b>([^<]*)<\/b>|<small>(not sent))/g)].map(([, word, notSent]) => word ?? notSent ?? ''),
  ]);
}

describe('report.html: summary', () => {
  const records = [
    makeAttempt({ caseId: 'capital', target: 'a', output: 'Paris', timing: { ttftMs: 120 }, score: pass('equals Paris') }),
    makeAttempt({ caseId: 'capital', target: 'b', output: hostile, score: fail(`expected Paris, got ${hostile}`) }),
    makeAttempt({ caseId: 'sum', target: 'a', output: '4', score: pass('numeric') }),
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
      flips: { worse: [{ caseId: 'capital', base: 1, current: 0 }], better: [] },
    })],
    run: { runId: `run-${hostile}`, simulatedTargets: ['b'], incomplete: true },
  });

  it('keeps its Content-Security-Policy, and escapes model output, reasons and errors', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(skeleton(html).filter((element) => /^(script|img|iframe)\b/.test(element))).toEqual([]);
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

  it('lists errors by type per target with the first message', () => {
    expect(html).toContain('<h2>Errors</h2>');
    expect(html).toContain('<tr><td>b</td><td class="num">1 of 2</td><td>rate_limited 1</td><td><code>429 &lt;script&gt;');
    expect(html).not.toMatch(/<tr><td>a<\/td><td class="num">\d+ of/);
  });

  it('gives the median its interval, pass@k and pass^k with repeats, and lists the flaky cases, escaped', () => {
    const repeated = Array.from({ length: 13 }, (_, index) => [pass(''), index === 0 ? fail('') : pass('')].map((score, repeat) =>
      makeAttempt({ target: 'a', dataset: 'smoke', caseId: index === 0 ? hostile : `q${index}`, repeat: repeat + 1, score, timing: repeat === 0 ? { ttftMs: (index + 1) * 100 } : {} }))).flat();
    const page = reportHtml.render(inputOf(repeated, { runId: 'repeats' }));
    expect(page).toContain('<small>p50</small> 700 [300–1100]<br><small>p90</small> n&lt;36<br><small>p99</small> n&lt;368');
    // pass@2 every case (Wilson 13 of 13: 77–100); pass^2 12 of 13 (67–99).
    expect(page).toContain('<small>pass@2</small> 100.0 [77–100]<br><small>pass^2</small> 92.3 [67–99]');
    expect(page).toContain('<h2>Flaky cases</h2>');
    expect(page).toContain('<li>a (1 of 13): <code>smoke/&lt;script&gt;alert(1)&lt;/script&gt;');
    // The flaky case heads the cases, each repeat's verdict in its cell.
    expect(caseTable(page)[0]).toEqual(['&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&lt;/details&gt;&lt;/pre&gt;', ['pass']]);
    expect(page).toMatch(/<td class="mixed"><div class="pass"><b>pass<\/b> <small>repeat 1<\/small><\/div><div class="fail"><b>fail<\/b> <small>repeat 2<\/small><\/div><\/td>/);
    expect(page).not.toContain('<script>');
  });

  it('compares each target with the baseline, and lists its flipped cases linked to their rows', () => {
    expect(html).toContain('<h2 id="comparison">Against the baseline a</h2>');
    expect(html).toMatch(/<td>b<\/td><td class="num">1<\/td><td class="num">\? → \?<\/td><td class="num">-100\.0 \[-100\.0, \+20\.0\]<div class="ci">/);
    expect(html).toContain('<td class="num">×2.00</td>');
    expect(html).toContain('<li>passes on a, fails on b (1): <a href="#case-0"><code>capital</code></a></li>');
    expect(html).toContain('<tr id="case-0"><th>capital</th>');
  });

  it('shows tool-call arguments nested 100,000 deep as … below 100 levels, instead of crashing with a RangeError', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    const page = reportHtml.render(inputOf([makeAttempt({ caseId: 'deep', target: 'a', output: 'x', toolCalls: [{ name: 'x', arguments: deep }] })]));
    expect(page).toContain('<pre>x [[[[');
    expect(page).toContain(']]]]</pre>');
    expect(page).toContain('&quot;…&quot;');
  });
});

describe('report.html: header', () => {
  const records = [makeAttempt({ dataset: 'qa', caseId: 'q1', target: 'mini', output: 'Paris', score: pass() })];
  const input = inputOf(records, {
    runId: 'nightly-7',
    startedAt: '2026-12-07T11:00:00.000Z',
    finishedAt: '2026-12-07T11:03:12.400Z',
    incomplete: true,
    budgetReached: true,
    stoppedTargets: [{ target: 'big', reason: 'quota: out of credit' }],
    simulatedTargets: [],
    description: {
      datasets: [{ name: 'qa', path: 'datasets/qa.jsonl', cases: 228 }],
      targets: [
        { label: 'mini', kind: 'openai', model: 'gpt-4o-mini', endpoint: 'https://api.openai.com/v1', simulated: false },
        { label: 'big', kind: 'gateway', model: 'openai/gpt-4o', route: 'azure', endpoint: 'http://127.0.0.1:9/v4/ai', simulated: true },
      ],
      settings: { repeats: 3, concurrency: 8, 'max-cost': 2.5 },
      description: 'Nightly check of the <b>support</b> bot',
      prompts: ['terse', '<i>cot</i>'],
    },
  }, {
    gates: [
      { gate: 'pass_rate >= 0.9', target: 'mini', prompt: 'default', passed: true, line: 'pass rate 100.0% (1 of 1 cases)' },
      { gate: 'ttft_p50_ms <= 500', target: 'mini', prompt: 'default', passed: false, line: 'TTFT p50 812 ms, above 500', warning: 'power 41.0% against 550: 40 cases would give 80%' },
    ],
  });
  // Planned: 3 requests of mini, 1 made.
  input.summaries = summarize(records, [{ target: 'mini', prompt: 'default', slots: 3 }]);
  const html = reportHtml.render(input);

  it('says what was run: datasets with paths and case counts, targets with kind, model, endpoint and route, settings by flag', () => {
    expect(html).toContain('<tr><td>qa</td><td><code>datasets/qa.jsonl</code></td><td class="num">228</td></tr>');
    expect(html).toContain('<tr><td>mini</td><td>openai</td><td>gpt-4o-mini</td><td><code>https://api.openai.com/v1</code></td><td></td></tr>');
    expect(html).toContain('<tr><td>big <em>simulated</em></td><td>gateway</td><td>openai/gpt-4o</td><td><code>http://127.0.0.1:9/v4/ai</code></td><td>azure</td></tr>');
    expect(html).toContain('Settings: <code>--repeats 3</code> <code>--concurrency 8</code> <code>--max-cost 2.5</code>');
  });

  it('gives the eval\'s description and names its prompt variants, escaped', () => {
    expect(html).toContain('<h2>What was run</h2>\n<p class="description">Nightly check of the &lt;b&gt;support&lt;/b&gt; bot</p>');
    expect(html).toContain('<p>Prompt variants, each sent every case: <code>terse</code>, <code>&lt;i&gt;cot&lt;/i&gt;</code></p>');
  });

  it('gives the dates and the duration, and says loudly what was simulated, stopped or cut short', () => {
    expect(html).toContain('started 2026-12-07 11:00:00 UTC · finished 2026-12-07 11:03:12 UTC · took 3 min 12 s');
    expect(html).toContain('<p class="loud">SIMULATED: <code>big</code> was served by llm-bench');
    expect(html).toContain('INCOMPLETE: 2 of 3 planned requests were never sent; the figures cover the rest');
    expect(html).toContain('Budget reached: scheduling stopped at <code>--max-cost</code>');
    expect(html).toContain('Stopped: <code>big</code> before its last request: quota: out of credit');
  });

  it('lists the gates, failed first, with their lines and power warnings', () => {
    expect(html).toContain('<h2>Gates: <span class="failed">1 of 2 failed</span></h2>');
    const failed = html.indexOf('FAILED</span> <code>ttft_p50_ms &lt;= 500</code>, <code>mini</code>: TTFT p50 812 ms, above 500<br><small>power 41.0% against 550');
    const passed = html.indexOf('passed</span> <code>pass_rate &gt;= 0.9</code>, <code>mini</code>: pass rate 100.0% (1 of 1 cases)');
    expect(failed).toBeGreaterThan(0);
    expect(passed).toBeGreaterThan(failed);
    // The verdict comes first, under the run's name and notes; what was run, then the summary, after it.
    const order = ['<h1>', 'Stopped: <code>big</code>', '<h2>Gates', '<h2>What was run</h2>', '<h2 id="summary">', '<h2 id="cases">'].map((text) => html.indexOf(text));
    expect(order.every((at, index) => at >= 0 && (index === 0 || at > order[index - 1]!))).toBe(true);
  });

  it('says when a resumed run\'s sessions started, how long the last took, and not INCOMPLETE when a stopped target\'s requests were all made', () => {
    // A dead target, stopped by the circuit breaker, then resumed a minute and a half later: every slot has its record.
    const both = ['q1', 'q2'].flatMap((caseId) => [
      makeAttempt({ caseId, target: 'dead', error: { type: 'network', message: 'connect ECONNREFUSED' } }),
      makeAttempt({ caseId, target: 'live', output: 'x', score: pass() }),
    ]);
    const resumed = reportHtml.render({
      ...inputOf(both, {
        incomplete: true,
        startedAt: '2026-12-07T12:04:17.612Z',
        resumedAt: ['2026-12-07T12:05:41.993Z'],
        finishedAt: '2026-12-07T12:05:45.355Z',
        stoppedTargets: [{ target: 'dead', reason: 'circuit breaker: 10 of the last 10 requests failed' }],
      } as Partial<ReportInput['run']>),
      summaries: summarize(both, [{ target: 'dead', prompt: 'default', slots: 2 }, { target: 'live', prompt: 'default', slots: 2 }]),
    });
    expect(resumed).toContain('started 2026-12-07 12:04:17 UTC · resumed 2026-12-07 12:05:41 UTC · finished 2026-12-07 12:05:45 UTC · the last session took 3 s');
    expect(resumed).not.toContain('took 1 min');
    expect(resumed).not.toContain('INCOMPLETE');
    expect(resumed).toContain('The run stopped early, but every planned request was made');
    expect(resumed).toContain('Stopped: <code>dead</code> after every one of its planned requests was made: circuit breaker: 10 of the last 10 requests failed');
    // One not sent: it is INCOMPLETE, and says how much.
    const partial = both.filter((_, index) => index !== 2);
    const cut = reportHtml.render({ ...inputOf(partial, { incomplete: true, stoppedTargets: [{ target: 'dead', reason: 'circuit breaker' }] }), summaries: summarize(partial, [{ target: 'dead', prompt: 'default', slots: 2 }, { target: 'live', prompt: 'default', slots: 2 }]) });
    expect(cut).toContain('INCOMPLETE: 1 of 4 planned requests was never sent');
    expect(cut).toContain('Stopped: <code>dead</code> before its last request (1 not sent): circuit breaker');
  });

  it('has no gates section, simulated note or description when the run has none', () => {
    const plain = reportHtml.render(inputOf(records));
    for (const text of ['Gates', 'SIMULATED', 'What was run', 'INCOMPLETE', 'took']) expect(plain).not.toContain(text);
  });

  it('embeds each chart as inline SVG in a figure with its title and caption, and leaves out one with active content', () => {
    const figures: ChartFigure[] = [
      { id: 'ttft-cdf', title: 'TTFT distribution', caption: `Each line is a target ${hostile}`, svg: '<svg xmlns="http://www.w3.org/2000/svg" aria-label="x onload=y"><path d="M0 0L1 1"/></svg>' },
      { id: 'bad', title: 'Bad chart', caption: 'never shown', svg: '<svg><script>alert(1)</script></svg>' },
      { id: 'bad2', title: 'Bad chart 2', caption: 'never shown', svg: '<svg><rect onclick="alert(1)"/></svg>' },
      { id: 'bad3', title: 'Bad chart 3', caption: 'never shown', svg: '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>' },
    ];
    const page = reportPage(input, figures);
    expect(page).toContain('<figure id="chart-ttft-cdf"><svg xmlns="http://www.w3.org/2000/svg" aria-label="x onload=y"><path d="M0 0L1 1"/></svg><figcaption><b>TTFT distribution</b>Each line is a target &lt;script&gt;');
    expect(page).toContain('<a href="#charts">Charts</a>');
    expect(page.match(/Left out: its SVG held active content/g)).toHaveLength(3);
    expect(page).not.toContain('alert(1)</script>');
    expect(page).not.toContain('onclick');
    expect(page).not.toContain('javascript:');
  });
});

describe('report.html: cases', () => {
  it('shows each case\'s prompt, expected answer and tags, then each target\'s verdict, reason and answer side by side', () => {
    const records = [
      makeAttempt({ dataset: 'qa', caseId: 'capital', target: 'a', output: 'Paris', score: pass('equals "Paris"') }),
      makeAttempt({ dataset: 'qa', caseId: 'capital', target: 'b', error: { type: 'timeout', message: 'no first token after 30000 ms' } }),
    ];
    const html = reportHtml.render(inputOf(records, { cases: [{ dataset: 'qa', caseId: 'capital', prompt: 'What is the capital of France?', expected: 'Paris', tags: ['geo', 'easy'] }] }));
    expect(html).toContain(
      '<tr id="case-0"><th>capital</th><td><pre>What is the capital of France?</pre><small>expected</small><pre>Paris</pre><small class="tags">#geo #easy</small></td>' +
        '<td class="pass"><b>pass</b> equals &quot;Paris&quot;<pre>Paris</pre></td>' +
        '<td class="error"><b>timeout</b> no first token after 30000 ms</td></tr>',
    );
    expect(html).toContain('<thead><tr><th>case</th><th>prompt · expected</th><th>a</th><th>b</th></tr></thead>');
  });

  it('puts the cases where the targets disagree first, then those every target failed, the flaky, and the passed, in the datasets\' order', () => {
    const outcome = (caseId: string, target: string, verdict: 'pass' | 'fail' | 'error') =>
      verdict === 'error' ? makeAttempt({ caseId, target, error: { type: 'server_error', message: '500' } }) : makeAttempt({ caseId, target, output: caseId, score: verdict === 'pass' ? pass() : fail() });
    const records = [
      outcome('both-pass', 'a', 'pass'), outcome('both-pass', 'b', 'pass'),
      outcome('a-only', 'a', 'pass'), outcome('a-only', 'b', 'fail'),
      outcome('both-fail', 'a', 'fail'), outcome('both-fail', 'b', 'error'),
      outcome('b-only', 'a', 'error'), outcome('b-only', 'b', 'pass'),
      makeAttempt({ caseId: 'flaky', target: 'a', repeat: 1, score: pass() }), makeAttempt({ caseId: 'flaky', target: 'a', repeat: 2, score: fail() }),
      makeAttempt({ caseId: 'flaky', target: 'b', repeat: 1, score: fail() }), makeAttempt({ caseId: 'flaky', target: 'b', repeat: 2, score: pass() }),
      outcome('half-sent', 'a', 'fail'),
    ];
    const order = ['both-pass', 'a-only', 'both-fail', 'b-only', 'flaky', 'half-sent', 'never-sent'].map((caseId) => ({ caseId }));
    const html = reportHtml.render(inputOf(records, { cases: order }));
    expect(caseTable(html)).toEqual([
      ['a-only', ['pass', 'fail']],
      ['b-only', ['server_error', 'pass']],
      ['both-fail', ['fail', 'server_error']],
      // Nothing sent to b: a alone failed it.
      ['half-sent', ['fail', 'not sent']],
      ['flaky', ['pass', 'fail']],
      ['both-pass', ['pass', 'pass']],
    ]);
    const headings = [...html.matchAll(/<h3>(.*?)<\/h3>/g)].map(([, heading]) => heading);
    expect(headings).toEqual(['Where the targets disagree (2)', 'Failed or unanswered on every target (2)', 'Flaky on every target: passed on some repeats only (1)', 'Passed on every target (1)']);
    expect(html).toContain('<p class="warn">1 case of the datasets was never sent to any target: the run stopped before it.</p>');
    expect(html).toContain('<p>6 cases: where the targets disagree: 2 · failed or unanswered on every target: 2 · flaky on every target: passed on some repeats only: 1 · passed on every target: 1.</p>');
    // Disagreements, failures and flaky cases open; passes closed.
    const groups = [...html.matchAll(/<details class="group"( open)?><summary>(.*?)<\/summary>/g)].map(([, open, summary]) => `${summary}${open ? ' open' : ''}`);
    expect(groups).toEqual(['no tag · 2 cases open', 'no tag · 2 cases open', 'no tag · 1 case open', 'no tag · 1 case']);
  });

  it('puts a case without assertions that every target answered apart from the passed ones, and one answered by some only among the disagreements', () => {
    const records = [
      makeAttempt({ caseId: 'chat', target: 'a', output: 'hello' }), makeAttempt({ caseId: 'chat', target: 'b', output: 'hi' }),
      makeAttempt({ caseId: 'down', target: 'a', output: 'hello' }), makeAttempt({ caseId: 'down', target: 'b', error: { type: 'network', message: 'getaddrinfo ENOTFOUND' } }),
    ];
    const html = reportHtml.render(inputOf(records));
    expect([...html.matchAll(/<h3>(.*?)<\/h3>/g)].map(([, heading]) => heading)).toEqual(['Where the targets disagree (1)', 'Answered on every target, nothing to check (no assertions) (1)']);
    expect(caseTable(html)).toEqual([['down', ['answered', 'network']], ['chat', ['answered', 'answered']]]);
  });

  it('groups the cases by dataset and first tag, with counts, and labels cases with their dataset when there are several', () => {
    const records = ['smoke', 'other'].flatMap((dataset) => ['q1', 'q2', 'q3'].map((caseId) => makeAttempt({ dataset, caseId, target: 'a', output: 'x', score: pass() })));
    const cases = [
      { dataset: 'smoke', caseId: 'q1', tags: ['math'] }, { dataset: 'smoke', caseId: 'q2', tags: ['geo', 'math'] }, { dataset: 'smoke', caseId: 'q3', tags: ['math'] },
      { dataset: 'other', caseId: 'q1' }, { dataset: 'other', caseId: 'q2' }, { dataset: 'other', caseId: 'q3', tags: [hostile] },
    ];
    const html = reportHtml.render(inputOf(records, { cases }));
    const groups = [...html.matchAll(/<details class="group"(?: open)?><summary>(.*?)<\/summary>/g)].map(([, summary]) => summary);
    expect(groups).toEqual(['smoke · math · 2 cases', 'smoke · geo · 1 case', 'other · no tag · 2 cases', `other · &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&lt;/details&gt;&lt;/pre&gt; · 1 case`]);
    expect(caseTable(html).map(([label]) => label)).toEqual(['smoke/q1', 'smoke/q3', 'smoke/q2', 'other/q1', 'other/q2', 'other/q3']);
  });

  it('has a row per (dataset, case): q1 of two datasets is two rows, in the datasets\' order, then cases only the records know', () => {
    const records = [
      makeAttempt({ dataset: 'other', caseId: 'q1', target: 'a', output: 'from other', score: fail('no') }),
      makeAttempt({ dataset: 'smoke', caseId: 'q1', target: 'a', output: 'from smoke', score: fail('no') }),
      makeAttempt({ dataset: '<b>bold</b>', caseId: 'q1', target: 'a', output: 'hostile name', score: fail('no') }),
    ];
    const html = reportHtml.render(inputOf(records, { cases: [{ dataset: 'smoke', caseId: 'q1' }, { dataset: 'other', caseId: 'q1' }] }));
    expect(caseTable(html).map(([label]) => label)).toEqual(['smoke/q1', 'other/q1', '&lt;b&gt;bold&lt;/b&gt;/q1']);
  });

  it('shows case ids alone when the run has one dataset, and only the final attempt of each slot', () => {
    const records = [
      makeAttempt({ dataset: 'smoke', caseId: 'q1', target: 'a', final: false, error: { type: 'timeout', message: 'retried' } }),
      makeAttempt({ dataset: 'smoke', caseId: 'q1', target: 'a', attempt: 2, output: 'x', score: pass() }),
      makeAttempt({ dataset: 'smoke', caseId: 'q2', target: 'a', output: 'y', score: pass() }),
    ];
    const html = reportHtml.render(inputOf(records));
    expect(caseTable(html)).toEqual([['q1', ['pass']], ['q2', ['pass']]]);
    expect(html).toContain('<td class="pass"><b>pass</b> <small>attempt 2</small>');
    expect(html).not.toContain('retried');
  });

  it('folds a long answer: its head in the summary, the rest inside, cut at 2,000 characters', () => {
    const long = `${'a'.repeat(80)}${'b'.repeat(3000)}`;
    const html = reportHtml.render(inputOf([makeAttempt({ caseId: 'long', target: 'a', output: long, score: pass() })]));
    expect(html).toContain(`<details class="long"><summary>${'a'.repeat(80)}…</summary><pre>…${'b'.repeat(1920)}…</pre></details>`);
  });

  it('folds a long prompt\'s beginning and shows its end, where the question is', () => {
    const prompt = `system: ${'You sort tickets. '.repeat(40)}\nuser: Ticket: I was charged twice.`;
    const html = reportHtml.render(inputOf([makeAttempt({ caseId: 'ticket', target: 'a', output: 'A', score: pass() })], { cases: [{ caseId: 'ticket', prompt }] }));
    const cell = /<tr id="case-0"><th>ticket<\/th><td>(.*?)<\/td>/.exec(html)?.[1];
    expect(cell).toBe(`<details class="long"><summary>system: ${'You sort tickets. '.repeat(4).slice(0, 72)}…</summary><pre>…${'You sort tickets. '.repeat(40).slice(72).trimEnd()} </pre></details><pre>user: Ticket: I was charged twice.</pre>`);
  });

  it('cuts a long case id at 200 characters and a case\'s tags at 1,000 together, and shows 8 tags at most', () => {
    const caseId = 'q'.repeat(5000);
    const tags = ['t'.repeat(1500), ...Array.from({ length: 19 }, (_, index) => `tag${index}`)];
    const html = reportHtml.render(inputOf([makeAttempt({ caseId, target: 'a', output: 'x', score: pass() })], { cases: [{ caseId, tags }] }));
    expect(html).toContain(`<th>${'q'.repeat(200)}…</th>`);
    expect(html).toContain(`<small class="tags">#${'t'.repeat(1000)}… and 19 more</small>`);
    expect(html).not.toContain('q'.repeat(201));
    const short = reportHtml.render(inputOf([makeAttempt({ caseId: 'q', target: 'a', output: 'x', score: pass() })], { cases: [{ caseId: 'q', tags: tags.slice(1) }] }));
    expect(short).toContain('<small class="tags">#tag0 #tag1 #tag2 #tag3 #tag4 #tag5 #tag6 #tag7 and 11 more</small>');
  });

  /** A 10,000-attempt run: 2,500 cases of two datasets × 4 targets, some failing, 1 in 37 timing out. */
  function largeRun(answerLength: number, promptLength: number, prose = 'The model explains its reasoning at some length here. '): ReportInput {
    const targets = ['openai:gpt-4o-mini', 'openai:gpt-4o', 'anthropic:claude-sonnet-4', 'gateway:openai/gpt-4o-mini'];
    const cases = Array.from({ length: 2500 }, (_, index) => ({
      dataset: index < 1250 ? 'support-tickets' : 'math-word-problems',
      caseId: `case-${index}`,
      prompt: `Question ${index}: ${'Describe the situation and give the answer in one sentence. '.repeat(40)}`.slice(0, promptLength),
      expected: `answer ${index}`,
      tags: [['billing', 'shipping', 'refunds', 'account'][index % 4]!, 'en'],
    }));
    const records = cases.flatMap((testCase, index) => targets.map((target, column) => {
      const identity = { dataset: testCase.dataset, caseId: testCase.caseId, target };
      const answer = `${testCase.expected}. ${prose.repeat(Math.ceil(answerLength / prose.length))}`.slice(0, answerLength);
      if ((index + column) % 37 === 0) return makeAttempt({ ...identity, timing: { ttftMs: 300 }, error: { type: 'timeout', message: 'no first token after 30000 ms' } });
      const passed = (index * (column + 1)) % 7 !== 0;
      return makeAttempt({ ...identity, output: answer, timing: { ttftMs: 200 + column + (index % 50), e2eMs: 900 + (index % 70) }, costUsd: 0.0001 * (column + 1), score: passed ? pass(`contains "${testCase.expected}"`) : fail(`does not contain "${testCase.expected}"`) });
    }));
    return inputOf(records, { cases });
  }

  it('keeps a 10,000-attempt run (2,500 cases × 4 targets, 300-character answers) under 5 MB, whole answers, at most 400 rows open', () => {
    const html = reportHtml.render(largeRun(300, 240));
    const bytes = Buffer.byteLength(html);
    expect(bytes).toBeLessThan(5_000_000);
    expect(bytes).toBeGreaterThan(3_000_000);
    expect(html.match(/<tr id="case-/g)).toHaveLength(2500);
    // Every answer whole: 300 characters fit the budget at 10,000 answers.
    expect(html).toContain(`<pre>answer 7. ${'The model explains its reasoning at some length here. '.repeat(40).slice(0, 290)}</pre>`);
    expect(html.match(/<figure id="chart-/g)?.length).toBeGreaterThanOrEqual(5);
    const openRows = [...html.matchAll(/<details class="group" open><summary>[^<]*· (\d+) cases?<\/summary>/g)].reduce((sum, [, count]) => sum + Number(count), 0);
    expect(openRows).toBeGreaterThan(0);
    expect(openRows).toBeLessThanOrEqual(400);
  });

  it('keeps a 10,000-attempt run under 5 MB however long its answers and prompts: they are cut, and the page says where', () => {
    const html = reportHtml.render(largeRun(1500, 1800));
    expect(Buffer.byteLength(html)).toBeLessThan(5_000_000);
    const [, answers, prompts] = /Answers longer than (\d+) characters, prompts longer than (\d+) and case ids longer than \d+ are cut here/.exec(html) ?? [];
    expect(Number(answers)).toBeGreaterThan(200);
    expect(Number(answers)).toBeLessThanOrEqual(300);
    expect(Number(prompts)).toBeLessThanOrEqual(180);
  });

  it('keeps a 10,000-attempt run under 5 MB when its texts weigh more than a byte a character (CJK, quotes to escape)', () => {
    const html = reportHtml.render(largeRun(1500, 1800, '模型在这里详细解释了它的推理过程。"引号"&'));
    expect(Buffer.byteLength(html)).toBeLessThan(5_000_000);
    expect(html.match(/<tr id="case-/g)).toHaveLength(2500);
  });
});

describe('report.html: the page-size bound holds for any text', () => {
  /** Bytes of a page, and how many case rows it kept. */
  const measure = (html: string) => ({ bytes: Buffer.byteLength(html), rows: html.match(/<tr id="case-/g)?.length ?? 0 });

  it('keeps 300 cases with 8 tags of 1,000 `<` and 200-`<` ids under 5 MB: ids and tags are cut like every other text', () => {
    const cases = Array.from({ length: 300 }, (_, index) => ({
      caseId: `c${index}${'<'.repeat(200)}`,
      prompt: `What is ${index}+1?`,
      expected: String(index + 1),
      tags: Array.from({ length: 8 }, (_, tag) => `t${index}-${tag}${'<'.repeat(1000)}`),
    }));
    const records = cases.map((testCase, index) => makeAttempt({ caseId: testCase.caseId, target: 'simulated:openai/gpt-4o-mini', output: String(index + 1), score: pass('numeric') }));
    const html = reportHtml.render(inputOf(records, { cases }));
    const { bytes, rows } = measure(html);
    expect(bytes).toBeLessThan(5_000_000);
    // Cutting the texts was enough: every case keeps its row.
    expect(rows).toBe(300);
  });

  it('keeps 2,500 cases × 4 targets with escaped ids, 12 long tags and long CJK prompts and answers under 5 MB', () => {
    const heavy = '<&>"\' ü漢字😀 ';
    const targets = ['a', 'b', 'c', 'd'].map((name) => `${name}${'<'.repeat(150)}`);
    const cases = Array.from({ length: 2500 }, (_, index) => ({
      dataset: index % 2 === 0 ? 'even' : 'odd',
      caseId: `case-${index}-${'<&>'.repeat(60)}`,
      prompt: `Q${index}: ${heavy.repeat(250)}`,
      expected: heavy.repeat(100),
      tags: Array.from({ length: 12 }, (_, tag) => `${tag}-${index}-${heavy.repeat(100)}`),
    }));
    const records = cases.flatMap((testCase, index) => targets.map((target, column) =>
      makeAttempt({ dataset: testCase.dataset, caseId: testCase.caseId, target, output: heavy.repeat(300), score: (index + column) % 3 === 0 ? fail(heavy.repeat(40)) : pass(heavy.repeat(40)) })));
    const { bytes, rows } = measure(reportHtml.render(inputOf(records, { cases })));
    expect(bytes).toBeLessThan(5_000_000);
    expect(rows).toBeGreaterThan(0);
  });
});

describe('report.html: hostile values', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '"><svg onload=alert(1)>',
    "'><iframe src=javascript:alert(1)>",
    '</td></tr></table><h1>owned</h1>',
    '</details><details open>',
    '</pre><script>alert(1)</script><pre>',
    '</summary><b onmouseover=alert(1)>x</b>',
    '<a href="javascript:alert(1)">click</a>',
    '<style>body{display:none}</style>',
    '<link rel=stylesheet href=http://evil.example/x.css>',
    '<meta http-equiv="refresh" content="0;url=http://evil.example">',
    '<base href="http://evil.example/">',
    '<form action=http://evil.example><input name=q></form>',
    '<object data=x.swf></object>',
    '<embed src=x>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<template><script>alert(1)</script></template>',
    '<!--<img src=x onerror=alert(1)>-->',
    '<![CDATA[<script>alert(1)</script>]]>',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '&#60;script&#62;alert(1)&#60;/script&#62;',
    'javascript:alert(1)',
    '" style="background:url(javascript:alert(1))',
    "' onfocus='alert(1)' autofocus='",
    '<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>',
    '<textarea></textarea><img src=x onerror=alert(1)>',
    '<title></title><script>alert(1)</script>',
    '<plaintext>',
    '<xmp><script>alert(1)</script></xmp>',
    'evil\u202Etxt.exe',
    'zero\u200Bwidth\u0000nul\u001B[31mred',
    '<details open ontoggle=alert(1)>',
    '<video><source onerror=alert(1)></video>',
  ];

  /** A run shaped by `text(slot)`: every label, id, tag, prompt, answer, reason and message made from it. */
  function shapedInput(text: (slot: number) => string): ReportInput {
    const targets = [0, 1, 2].map((index) => text(index));
    const records = payloads.flatMap((_, index) => targets.map((target, column) => {
      const identity = { dataset: text(100 + (index % 3)), caseId: text(200 + index) };
      if (column === 2) return makeAttempt({ ...identity, target, error: { type: 'server_error', message: text(300 + index) } });
      // Timing and cost, so that every chart is drawn with the hostile labels in it.
      const measured = { timing: { ttftMs: 100 + 10 * index + column, e2eMs: 600 + 10 * index, outputTps: 40 + column }, costUsd: 0.001 * (column + 1) };
      return makeAttempt({ ...identity, target, ...measured, output: text(400 + index), score: column === 0 ? pass(text(500 + index)) : fail(text(600 + index)), toolCalls: [{ name: text(700 + index), arguments: { value: text(800 + index) } }] });
    }));
    const gates = [{ gate: text(900), target: targets[0]!, prompt: 'default', passed: false, line: text(901), warning: text(902) }];
    return {
      records,
      summaries: summarize(records),
      comparisons: [makeComparison({ baseTarget: targets[0]!, target: targets[1]!, flips: { worse: [{ dataset: text(100), caseId: text(200), base: 1, current: 0 }], better: [] } })],
      gates,
      run: {
        runId: text(1000),
        simulatedTargets: [targets[1]!],
        incomplete: true,
        stoppedTargets: [{ target: targets[2]!, reason: text(1001) }],
        cases: payloads.map((_, index) => ({ dataset: text(100 + (index % 3)), caseId: text(200 + index), prompt: text(1100 + index), expected: text(1200 + index), tags: [text(1300 + (index % 2)), text(1400)] })),
        description: {
          datasets: [0, 1, 2].map((index) => ({ name: text(100 + index), path: text(1500 + index), cases: payloads.length })),
          targets: targets.map((label, index) => ({ label, kind: text(1600), model: text(1700 + index), route: text(1800), endpoint: text(1900), simulated: index === 1 })),
          settings: { judge: text(2000) },
        },
      },
    };
  }

  // The same shape with plain text of the same lengths: the page the hostile one must equal, element for element.
  const hostileText = (slot: number) => payloads[slot % payloads.length]!;
  const plainText = (slot: number) => {
    const payload = hostileText(slot);
    return `p${slot}-${'x'.repeat(payload.length)}`.slice(0, Math.max(payload.length, `p${slot}`.length + 1));
  };

  it(`has ${payloads.length} payloads in labels, case ids, datasets, tags, prompts, answers, reasons and errors`, () => {
    expect(payloads.length).toBeGreaterThanOrEqual(30);
  });

  it('adds no element and no attribute: the page is made of the same elements as a plain run of the same shape', () => {
    const hostilePage = reportHtml.render(shapedInput(hostileText));
    const plainPage = reportHtml.render(shapedInput(plainText));
    const hostileSkeleton = skeleton(hostilePage);
    expect(hostileSkeleton.length).toBeGreaterThan(300);
    // Every chart is drawn, with the hostile labels in it.
    expect(hostileSkeleton.filter((element) => element.startsWith('figure id=chart-'))).toEqual(
      ['ttft-distribution', 'e2e-distribution', 'output-speed', 'errors-by-type', 'quality-cost', 'quality-ttft'].map((id) => `figure id=chart-${id}`),
    );
    expect(hostileSkeleton).toEqual(skeleton(plainPage));
    expect(hostileSkeleton.filter((element) => /^(script|iframe|img|svg|style|link|meta|base|form|object|embed|video|template|textarea|plaintext|xmp|math)\b/.test(element))).toEqual([
      'meta charset=utf-8',
      `meta http-equiv=Content-Security-Policy content=default-src 'none'; style-src 'unsafe-inline'; img-src data:`,
      'meta name=viewport content=width=device-width, initial-scale=1',
      'style',
    ]);
    expect(hostileSkeleton.filter((element) => / on[a-z]+=|javascript:|^chart:(script|foreignObject|iframe|img|image)\b/i.test(element))).toEqual([]);
    // Bidirectional overrides and control characters are shown as escapes, never raw.
    expect(hostilePage).toContain('evil\\u202Etxt.exe');
    expect(hostilePage).not.toMatch(/[\u202E\u200B\0\x1B]/);
  });
});
