import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { compareToBaseline } from '../stats/compare-to-baseline.ts';
import type { GateResult } from '../stats/gates/gate-result.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import { makeComparison } from '../stats/make-comparison.ts';
import { summarize } from '../stats/summarize.ts';
import type { ReportInput, RunDescription } from './report-input.ts';
import { boundMarkdown, reportMd, reportMdLimit } from './report-md.ts';

type Node = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

/** report.md as GitHub renders it (GFM), parsed: what a reader of the PR comment gets. */
const render = (markdown: string) => parseFragment(micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })).childNodes;
const all = (nodes: readonly Node[]): Element[] => nodes.flatMap((node) => ('tagName' in node ? [node, ...all(node.childNodes)] : []));
const text = (nodes: readonly Node[]): string => nodes.map((node) => ('value' in node ? node.value : 'childNodes' in node ? text(node.childNodes) : '')).join('');

/** Every element report.md's own Markdown makes; anything else came from a label. */
const ownElements = new Set(['h2', 'h3', 'p', 'code', 'strong', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'blockquote', 'hr']);

const target = (label: string): RunDescription['targets'][number] => ({ label, kind: 'openai', model: 'gpt-4o', endpoint: 'https://api.openai.com/v1', simulated: false });

/** Each table's rows have as many cells as its head: no label ended a cell or added one. */
function expectWholeTables(nodes: readonly Node[]): void {
  const tables = all(nodes).filter((element) => element.tagName === 'table');
  for (const table of tables) {
    const rows = all(table.childNodes).filter((element) => element.tagName === 'tr');
    const widths = rows.map((row) => row.childNodes.filter((cell) => 'tagName' in cell && (cell.tagName === 'td' || cell.tagName === 'th')).length);
    expect(new Set(widths).size).toBe(1);
  }
}

/** Six cases: `mini` passes all; `big` times out on two and fails one. */
function smallRun(): ReportInput {
  const ids = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];
  const records = ids.flatMap((caseId, index) => [
    makeAttempt({ caseId, target: 'mini', timing: { ttftMs: 100 + index * 10, e2eMs: 200 + index * 10 }, costUsd: 0.001, score: { score: 1, passed: true, reason: 'ok' } }),
    index < 2
      ? makeAttempt({ caseId, target: 'big', error: { type: 'timeout', message: 'timed out' } })
      : makeAttempt({ caseId, target: 'big', timing: { ttftMs: 300 + index * 10, e2eMs: 500 + index * 10 }, costUsd: 0.01, score: { score: index === 2 ? 0 : 1, passed: index !== 2, reason: 'x' } }),
  ]);
  const summaries = summarize(records, [{ target: 'mini', prompt: 'default', slots: 6 }, { target: 'big', prompt: 'default', slots: 6 }]);
  return {
    records,
    summaries,
    comparisons: compareToBaseline(records, summaries),
    run: {
      runId: 'r1',
      simulatedTargets: [],
      startedAt: '2026-12-07T10:00:00.000Z',
      finishedAt: '2026-12-07T10:03:05.000Z',
      description: { datasets: [{ name: 'qa', path: '/x/qa.jsonl', cases: 6 }], targets: [target('mini'), target('big')], settings: { repeats: 1, concurrency: 4 } },
    },
    gates: [
      { gate: 'pass_rate >= 0.9', target: 'big', prompt: 'default', passed: false, line: 'pass rate 50.0% (3 of 6 cases); 95% upper bound 81.2% is below 90.0%' },
      { gate: 'pass_rate >= 0.5', target: 'mini', prompt: 'default', passed: true, line: 'pass rate 100.0% (6 of 6 cases)', warning: 'power 26.5% against 45.0%: 40 cases would give 80%' },
    ],
  };
}

describe('report.md', () => {
  it('says what was run, the headline figures with their intervals, the gates failures first, the verdicts and the flipped cases', () => {
    expect(reportMd.render(smallRun()).split('\n')).toEqual([
      '## llm-bench run `r1` · ❌ 1 gate failed',
      '',
      '6 cases of `qa` × 2 targets · `--repeats 1 --concurrency 4` · 2026-12-07 10:00:00 UTC, 3 min.',
      '',
      'Targets: `mini` at `https://api.openai.com/v1`, `big` at `https://api.openai.com/v1`',
      '',
      '### Summary',
      '',
      '| target | requests | pass % [95% CI] | success % [CI] | errors | TTFT p50 ms [CI] | e2e p50 ms [CI] | $/request |',
      '|---|---:|---:|---:|---|---:|---:|---:|',
      '| mini | 6 | 100.0 [61–100] | 100.0 [61–100] | none | 125 [100–150] | 225 [200–250] | 0.001 |',
      '| big | 6 | 50.0 [19–81] | 66.7 [30–90] | timeout 2 | n<6 | n<6 | 0.00667 |',
      '',
      '### Gates: 1 failed, 1 passed',
      '',
      '- ❌ `pass_rate >= 0.9`, `big`: pass rate 50\\.0% \\(3 of 6 cases\\); 95% upper bound 81\\.2% is below 90\\.0%',
      '- ✅ `pass_rate >= 0.5`, `mini`: pass rate 100\\.0% \\(6 of 6 cases\\)',
      '  - ⚠️ power 26\\.5% against 45\\.0%\\: 40 cases would give 80%',
      '',
      '### Against the baseline `mini`',
      '',
      'Case by case, on the cases both were sent; an unanswered request counts as a failure. p is Holm-adjusted across targets (α = 0.05); ratios above 1 are slower or dearer than the baseline, with a case-resampling bootstrap interval.',
      '',
      '| target | cases | pass Δ pts [CI] | p | verdict | flips ↓/↑ | TTFT p50 | e2e p50 | $/req |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      '| big | 6 | -50.0 [-86.1, +18.1] | 0.25 | no change | 3/0 | ×2.68 | ×2.38 | ×6.67 |',
      '',
      '- big vs mini: with 6 cases, the smallest change in pass rate this comparison could detect is 96.4 points (80% power, two-sided α = 0.05).',
      '',
      '### Flipped cases',
      '',
      'With repeats, a case passes when at least half of its repeats passed.',
      '',
      '**big vs mini**',
      '- passed on the baseline, fail here (3): `q1`, `q2`, `q3`',
      '',
      '---',
      'report.html, summary.csv and results.jsonl in the run folder hold every figure and every case.',
      '',
    ]);
  });

  it('adds TTFT from the scheduled time and goodput to the summary for an open-loop run with --slo, and neither without them', () => {
    const ids = ['q1', 'q2', 'q3', 'q4'];
    const records = ids.map((caseId, index) =>
      makeAttempt({ caseId, target: 'mini', timing: { ttftMs: 100, e2eMs: 200, ttftFromScheduledMs: 100 + index * 300, e2eFromScheduledMs: 200 + index * 300 }, schedule: { scheduledMs: index * 100, sentMs: index * 400, dispatchDelayMs: index * 300 } }),
    );
    const slo = [{ figure: 'ttft' as const, inclusive: true, limitMs: 500 }];
    const summaries = summarize(records, [{ target: 'mini', prompt: 'default', slots: 4 }], { slo });
    const run = { runId: 'r1', simulatedTargets: [] };
    const lines = reportMd.render({ records, summaries, comparisons: [], run }).split('\n');
    const head = lines.find((line) => line.startsWith('| target'))!;
    expect(head).toContain('| TTFT p50 from scheduled ms [CI] | goodput % [CI] |');
    // 2 of 4 requests had their first token within 500 ms of when they were due.
    expect(lines[lines.indexOf(head) + 2]).toMatch(/\| 50\.0 \[\d+–\d+\] \|$/);
    expect(lines).toContain('Goodput: the share of requests that met every objective (ttft&lt;=500), cases as the unit.');
    const plain = reportMd.render(smallRun()).split('\n').find((line) => line.startsWith('| target'))!;
    expect(plain).not.toContain('scheduled');
    expect(plain).not.toContain('goodput');
  });

  it('says in its title and notes that a run was simulated, incomplete, stopped or over budget', () => {
    const input = smallRun();
    const markdown = reportMd.render({
      ...input,
      // big: 8 planned, 6 sent.
      summaries: summarize(input.records, [{ target: 'mini', prompt: 'default', slots: 6 }, { target: 'big', prompt: 'default', slots: 8 }]),
      gates: [],
      run: { ...input.run, simulatedTargets: ['big'], incomplete: true, budgetReached: true, stoppedTargets: [{ target: 'big', reason: 'HTTP 401: invalid key sk-…REDACTED' }] },
    });
    expect(markdown.split('\n')[0]).toBe('## llm-bench run `r1` · partly simulated · INCOMPLETE');
    expect(markdown).toContain('> **Incomplete**: 2 of 14 planned requests were never sent; the figures cover the rest.');
    expect(markdown).toContain('> **Stopped** `big`: HTTP 401\\: invalid key sk\\-…REDACTED');
    expect(markdown).toContain('> **Budget**: scheduling stopped before `--max-cost` could be passed.');
    expect(markdown).toContain('| big (simulated) | 6 of 8 |');
    expect(markdown).toContain('> Targets marked (simulated) were served by the built-in simulator');
    const allSimulated = reportMd.render({ ...input, gates: [], run: { ...input.run, simulatedTargets: ['mini', 'big'] } });
    expect(allSimulated.split('\n')[0]).toBe('## llm-bench run `r1` · SIMULATED');
    // With every target simulated the title says it; rows are not marked one by one.
    expect(allSimulated).toContain('| big | 6 |');
    expect(allSimulated).toContain('> Every target was served by the built-in simulator');
    // An older caller with no description: the summaries say which targets there were.
    const { description: _, ...undescribed } = input.run;
    expect(reportMd.render({ ...input, gates: [], run: { ...undescribed, simulatedTargets: ['big'] } }).split('\n')[0]).toBe('## llm-bench run `r1` · partly simulated');
  });

  it('does not call a stopped run whose requests were all made (by a resumed session) incomplete, and gives the last session\'s length, not the time it lay stopped', () => {
    const input = smallRun();
    const markdown = reportMd.render({
      ...input,
      gates: [],
      run: { ...input.run, incomplete: true, resumedAt: ['2026-12-07T10:02:55.000Z'], stoppedTargets: [{ target: 'big', reason: 'circuit breaker' }] } as ReportInput['run'],
    });
    expect(markdown.split('\n')[0]).toBe('## llm-bench run `r1`');
    expect(markdown).not.toContain('Incomplete');
    expect(markdown).toContain('> **Stopped early**, but every planned request was made (some by a resumed session): the figures cover the whole plan.');
    expect(markdown).toContain('· 2026-12-07 10:00:00 UTC, resumed 2026-12-07 10:02:55 UTC, the last session 10 s.');
  });

  it('gives the eval\'s description and names its prompt variants, escaped', () => {
    const input = smallRun();
    const markdown = reportMd.render({ ...input, run: { ...input.run, description: { ...input.run.description!, description: 'Nightly check of the *support* bot\n# not a heading', prompts: ['terse', 'chain|of`thought'] } } });
    const lines = markdown.split('\n');
    expect(lines.slice(2, 5)).toEqual(['Nightly check of the \\*support\\* bot \\# not a heading', '', '6 cases of `qa` × 2 targets · `--repeats 1 --concurrency 4` · 2026-12-07 10:00:00 UTC, 3 min.']);
    expect(markdown).toContain("Prompt variants: `terse`, `chain|of'thought`");
    expect(all(render(markdown)).map((element) => element.tagName).filter((tag) => !ownElements.has(tag))).toEqual([]);
  });

  it('counts the prompts compared, and names each row by its target and prompt', () => {
    const records = ['default', 'terse'].flatMap((prompt) => ['q1', 'q2'].map((caseId) => makeAttempt({ caseId, target: 'mini', prompt, score: { score: 1, passed: true, reason: 'ok' } })));
    const summaries = summarize(records, ['default', 'terse'].map((prompt) => ({ target: 'mini', prompt, slots: 2 })));
    const markdown = reportMd.render({ records, summaries, comparisons: compareToBaseline(records, summaries), run: { runId: 'p', simulatedTargets: [], description: { datasets: [{ name: 'qa', path: 'qa.jsonl', cases: 2 }], targets: [target('mini')], settings: {} } } });
    expect(markdown).toContain('\n2 cases of `qa` × 1 target × 2 prompts.\n');
    expect(markdown).toContain('\n| mini \\(terse\\) | 2 | 100.0 [34–100] |');
    expect(markdown).toContain('### Against the baseline `mini`');
  });

  it('keeps hostile labels, case ids, reasons and gate lines in their cells and lists, as text', () => {
    const payloads = [
      '<img src=x onerror=alert(1)>',
      '![pixel](http://t.example/p.png)',
      'a|b|c',
      '`code` ``x``',
      '@octocat #12',
      '[link](javascript:alert(1))',
      '</td></tr></table><h1>forged</h1>',
      'two\nlines\r\n## heading',
      '**bold** $x$',
      '\x1B[2J\u202Eevil',
    ];
    const hostile = payloads.join(' ');
    const labels = payloads.map((payload, index) => `${index}${payload}`);
    const records: AttemptRecord[] = labels.flatMap((label, index) => [
      makeAttempt({ caseId: `case ${hostile}`, target: label, prompt: hostile, output: hostile, score: { score: index % 2, passed: index % 2 === 1, reason: hostile } }),
      makeAttempt({ caseId: `other ${label}`, target: label, prompt: hostile, error: { type: 'server_error', message: hostile } }),
    ]);
    const summaries = summarize(records, labels.map((label) => ({ target: label, prompt: hostile, slots: 2 })));
    const gates: GateResult[] = labels.map((label, index) => ({ gate: `pass_rate >= 0.${index}`, target: label, prompt: hostile, passed: index % 2 === 0, line: hostile, warning: hostile }));
    const markdown = reportMd.render({
      records,
      summaries,
      comparisons: compareToBaseline(records, summaries),
      gates,
      run: {
        runId: hostile,
        simulatedTargets: [labels[1]!],
        incomplete: true,
        startedAt: hostile,
        stoppedTargets: [{ target: hostile, reason: hostile }],
        description: {
          datasets: [{ name: hostile, path: hostile, cases: 2 }],
          targets: labels.map((label) => ({ ...target(label), endpoint: hostile, model: hostile })),
          settings: { judge: hostile, repeats: 1 },
        },
      },
    });
    expect(markdown).not.toMatch(/[\x1B\u202E]/);
    expect(markdown).toContain('2 cases of `<img src=x onerror=alert(1)> ![pixel](http://t.example/p.png) a|b|c \'code\' \'\'x\'\' @octocat #12');
    expect(markdown).toMatch(/ × 10 targets · /);
    const nodes = render(markdown);
    const elements = all(nodes);
    expect(elements.map((element) => element.tagName).filter((tag) => !ownElements.has(tag))).toEqual([]);
    // One title, and only the section headings of ours.
    expect(elements.filter((element) => element.tagName === 'h2')).toHaveLength(1);
    expect(elements.filter((element) => element.tagName === 'h3').map((element) => text(element.childNodes).split(':')[0])).toEqual(['Summary', 'Gates', 'Against the baseline 0<img src=x onerror=alert(1)> (<img src=x onerror=alert(1)> ![pixel](http', 'Flipped cases']);
    expectWholeTables(nodes);
    const tables = elements.filter((element) => element.tagName === 'table');
    expect(tables).toHaveLength(2);
    // Every (target, prompt) has its row, its label shown as written, on one line.
    const firstCells = all(tables[0]!.childNodes).filter((element) => element.tagName === 'tr').slice(1).map((row) => text(row.childNodes.filter((cell) => 'tagName' in cell)[0]!.childNodes));
    expect(firstCells).toHaveLength(labels.length);
    // Cut at 100 characters, so that a label cannot fill the comment.
    expect(firstCells[2]!.replaceAll('\u200B', '')).toBe(`${`2a|b|c (${hostile}`.slice(0, 100)}…`);
    expect(firstCells[9]!.replaceAll('\u200B', '')).toMatch(/^9\\x1B\[2J\\u202Eevil \(<img/);
    // No mention and no issue reference survives where GitHub would link it: outside code spans.
    const outsideCode = (within: readonly Node[]): string => within.map((node) => ('value' in node ? node.value : 'tagName' in node && node.tagName !== 'code' ? outsideCode(node.childNodes) : '')).join('');
    expect(outsideCode(nodes)).toContain('@\u200Boctocat #\u200B12');
    expect(outsideCode(nodes)).not.toMatch(/(^|\W)@octocat|#12/);
  });

  it('stays under its limit at 2,500 cases × 4 targets, naming the first flipped cases and gates and counting the rest', () => {
    const targets = ['openai/gpt-4o-mini@openai', 'openai/gpt-4o-mini@azure', 'openai/gpt-4o', 'anthropic:claude-sonnet-4'];
    const caseIds = Array.from({ length: 2500 }, (_, index) => `a-fairly-descriptive-case-identifier-${String(index).padStart(5, '0')}`);
    const records = targets.flatMap((label, targetIndex) =>
      caseIds.map((caseId, index) =>
        index % 97 === targetIndex
          ? makeAttempt({ dataset: 'long-dataset-name', caseId, target: label, error: { type: 'timeout', message: 'timed out after 60000 ms' } })
          : makeAttempt({ dataset: 'long-dataset-name', caseId, target: label, timing: { ttftMs: 100 + (index % 300), e2eMs: 400 + (index % 500) }, costUsd: 0.0001 * (targetIndex + 1), score: { score: 1, passed: index % 5 !== targetIndex, reason: 'x' } }),
      ),
    );
    const summaries = summarize(records, targets.map((label) => ({ target: label, prompt: 'default', slots: caseIds.length })));
    // The comparisons' figures are made, not computed: the bootstrap of 2,500 cases takes a minute, and only the flips' lengths matter here.
    const flips = (offset: number) => caseIds.filter((_, index) => index % 5 === offset).map((caseId) => ({ dataset: 'long-dataset-name', caseId, base: 1, current: 0 }));
    const comparisons = targets.slice(1).map((label, index) =>
      makeComparison({ baseTarget: targets[0]!, target: label, passRate: { cases: 2500, difference: -0.01, interval: { low: -0.03, high: 0.01 }, adjustedPValue: 0.4, verdict: 'no detectable change', minimumDetectable: 0.03 }, flips: { worse: flips(index), better: flips(index + 1) } }),
    );
    const figures = ['pass_rate >= 0.9', 'ttft_p50_ms <= 800', 'success_rate >= 0.99', 'cost_per_request_usd <= 0.01', 'e2e_p50_ms <= 2000', 'pass_rate drop <= 5', 'ttft_p50 ratio <= 1.2', 'e2e_p90_ms <= 4000', 'output_tps_p50 >= 20', 'pass_rate_answered >= 0.9', 'error_rate <= 0.02', 'cost_per_passed_usd <= 0.02'];
    const gates: GateResult[] = targets.flatMap((label) => figures.map((gate, index) => ({ gate, target: label, prompt: 'default', passed: index % 3 !== 0, line: `a line explaining ${gate} with its figure, its interval and its bound, as long as real ones are`, warning: 'power 12.3% against 85.0%: 4000 cases would give 80%' })));
    const markdown = reportMd.render({
      records,
      summaries,
      comparisons,
      gates,
      run: {
        runId: '20261207T101500Z-3fa9c2',
        simulatedTargets: targets,
        startedAt: '2026-12-07T10:15:00.000Z',
        description: { datasets: [{ name: 'long-dataset-name', path: '/data/long.jsonl', cases: 2500 }], targets: targets.map(target), settings: { repeats: 1, concurrency: 32 } },
      },
    });
    expect(markdown.length).toBeGreaterThan(10_000);
    expect(markdown.length).toBeLessThan(reportMdLimit);
    // The lists were cut by count, not the text by the last resort.
    expect(markdown).not.toContain('report.md was cut here');
    expect(markdown).toMatch(/- passed on the baseline, fail here \(500\): (`long-dataset-name\/a-fairly-descriptive-case-identifier-\d{5}`, ){20}and 480 more\n/);
    expect(markdown).toContain('### Gates: 16 failed, 32 passed');
    // Failures first: all 16 shown before the 40th line, and the 8 passes left over are counted.
    expect(markdown.match(/^- ❌/gm)).toHaveLength(16);
    expect(markdown).toContain('- and 8 more (0 failed)');
    expect(markdown).toContain('| anthropic\\:claude\\-sonnet\\-4 | 2500 |');
    expectWholeTables(render(markdown));
  });

  it('cuts at a line, with a note, what no bound foresaw: hundreds of targets with labels of thousands of characters', () => {
    const labels = Array.from({ length: 300 }, (_, index) => `${index}-${'<|>'.repeat(1000)}`);
    const records = labels.map((label) => makeAttempt({ caseId: 'q1', target: label, score: { score: 1, passed: true, reason: 'ok' } }));
    const summaries = summarize(records, labels.map((label) => ({ target: label, prompt: 'x'.repeat(5000), slots: 1 })));
    const markdown = reportMd.render({
      records,
      summaries,
      comparisons: compareToBaseline(records, summaries),
      gates: labels.map((label) => ({ gate: 'pass_rate >= 0.5', target: label, prompt: 'x'.repeat(5000), passed: true, line: '<|>'.repeat(3000) })),
      run: { runId: 'big', simulatedTargets: [], stoppedTargets: labels.map((label) => ({ target: label, reason: '<|>'.repeat(3000) })) },
    });
    expect(markdown.length).toBeLessThanOrEqual(reportMdLimit);
    expect(markdown).toMatch(/\n\n\*\*report\.md was cut here\*\* to stay under 60000 characters/);
    expectWholeTables(render(markdown));
  });

  it('boundMarkdown leaves text that fits as it is, and cuts longer text at a line boundary', () => {
    expect(boundMarkdown('short\n', 100)).toBe('short\n');
    const cut = boundMarkdown(`${'line of text\n'.repeat(100)}`, 400);
    expect(cut.length).toBeLessThanOrEqual(400);
    expect(cut).toMatch(/^(line of text\n)+\n\*\*report\.md was cut here\*\*/);
  });
});
