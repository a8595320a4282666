import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { makeComparison } from '../stats/make-comparison.ts';
import type { RunComparison } from '../stats/run-comparison.ts';
import { comparisonHtml } from './comparison-html.ts';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'';

function comparisonOf(text: (slot: number) => string): RunComparison {
  // `warnings` (settings that differ between the runs) is newer than some RunComparisons: asserted, not annotated.
  const warnings = [{ setting: 'temperature', message: `temperature differs: 0 in the base, 0.7 now ${text(14)}` }];
  return {
    warnings,
    base: { folder: text(1), runId: text(2), startedAt: '2026-12-01T10:00:00.000Z', incomplete: false, simulatedTargets: [] },
    current: { folder: text(3), runId: text(4), incomplete: true, simulatedTargets: [text(5)] },
    alpha: 0.05,
    method: 'exact',
    comparisons: [makeComparison({
      target: text(6), baseTarget: text(6),
      passRate: { cases: 40, base: 0.9, current: 0.7, difference: -0.2, interval: { low: -0.35, high: -0.05 }, pValue: 0.004, adjustedPValue: 0.008, verdict: 'worse', minimumDetectable: 0.22 },
      ttftP50: { base: 300, current: 150, ratio: 0.5, interval: { low: 0.4, high: 0.6 }, verdict: 'better' },
      flips: {
        worse: [{ dataset: text(7), caseId: text(8), base: 1, current: 0 }, { caseId: text(9), base: 1, current: 0 }],
        better: [{ caseId: text(10), base: 0, current: 1 }],
      },
    })],
    changedCases: [{ caseId: text(11) }],
    uncheckedCases: false,
    onlyInBase: [{ caseId: text(12) }],
    onlyInCurrent: [],
    unpairedTargets: { base: [{ target: text(13), prompt: 'default' }], current: [] },
    unsentCases: [],
  } as RunComparison;
}

function skeleton(html: string): string[] {
  type Node = { nodeName: string; attrs?: Array<{ name: string; value: string }>; childNodes?: Node[] };
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.attrs) out.push(`${node.nodeName}${node.attrs.map((attribute) => ` ${attribute.name}=${attribute.value}`).join('')}`);
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parse(html) as unknown as Node);
  return out;
}

describe('comparison.html', () => {
  const plain = (slot: number) => ['', 'runs/base', 'base-1', 'runs/current', 'current-2', 'sim', 'mini', 'qa', 'q1', 'q2', 'q3', 'q4', 'q5', 'old'][slot] ?? `s${slot}`;
  const gates = [{ gate: 'pass_rate_drop <= 0.05', target: 'mini', prompt: 'default', passed: false, line: 'pass rate fell 20.0 points [5.0, 35.0]', warning: 'power 60.0%' }];
  const html = comparisonHtml(comparisonOf(plain), gates);

  it('is a whole page with its Content-Security-Policy, naming both runs', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).toContain('<h1>llm-bench compare: <code>base-1</code> → <code>current-2</code></h1>');
    expect(html).toContain('<tr><th scope="row">base</th><td><code>base-1</code></td><td><code>runs/base</code></td><td>2026-12-01 10:00:00 UTC</td></tr>');
  });

  it('gives the verdicts with their intervals, and the flipped cases both ways', () => {
    expect(html).toContain('<td>mini</td><td class="num">40</td><td class="num">90.0% → 70.0%</td><td class="num">-20.0 [-35.0, -5.0]<div class="ci">');
    expect(html).toContain('<td class="num">0.0080</td><td class="num"><span class="worse">worse</span></td>');
    expect(html).toContain('<td class="num">×0.50 [0.40–0.60] <span class="better">better</span></td>');
    expect(html).toContain('<li>mini: with 40 cases, the smallest change in pass rate this comparison could detect is 22.0 points (80% power).</li>');
    expect(html).toContain('<li>passed in the base, fail now (2): <code>qa/q1</code>, <code>q2</code></li><li>failed in the base, pass now (1): <code>q3</code></li>');
  });

  it('shows the gates, and what the comparison could not see, loudly when simulated or incomplete', () => {
    expect(html).toContain('<h2>Gates: <span class="failed">1 of 1 failed</span></h2>');
    expect(html).toContain('<p class="loud">SIMULATED in the current run: <code>sim</code>.');
    expect(html).toContain('INCOMPLETE: the current run stopped');
    expect(html).toContain('<li>1 cases changed content between the runs and were compared anyway (--allow-changed): <code>q4</code></li>');
    expect(html).toContain('<li>1 cases only in the base, not compared: <code>q5</code></li>');
    expect(html).toContain('<li>Only in the base: <code>old</code></li>');
    expect(html).toContain('<li><strong>Not like for like</strong>: temperature differs: 0 in the base, 0.7 now s14</li>');
  });

  it('says so when nothing was compared or nothing flipped', () => {
    const empty = comparisonHtml({ ...comparisonOf(plain), comparisons: [] });
    expect(empty).toContain('Nothing was compared');
    const steady = comparisonHtml({ ...comparisonOf(plain), comparisons: [makeComparison({ target: 'mini', baseTarget: 'mini' })] });
    expect(steady).toContain('No case flipped between passing and failing.');
  });

  it('escapes every value: a hostile run adds no element or attribute to the page', () => {
    const hostileText = (slot: number) => `${hostile}${slot}`;
    const sameLength = (slot: number) => 'x'.repeat(hostileText(slot).length);
    const page = comparisonHtml(comparisonOf(hostileText), [{ ...gates[0]!, gate: hostile, target: hostile, line: hostile, warning: hostile }]);
    const reference = comparisonHtml(comparisonOf(sameLength), [{ ...gates[0]!, gate: 'x', target: 'x', line: 'x', warning: 'x' }]);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(skeleton(page)).toEqual(skeleton(reference));
    expect(skeleton(page).length).toBeGreaterThan(50);
  });
});
