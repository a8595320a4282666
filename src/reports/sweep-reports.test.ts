import { describe, expect, it } from 'vitest';
import { displayWidth } from './display-width.ts';
import type { SweepCurve, SweepRow } from './sweep-curve.ts';
import { sweepHtml } from './sweep-html.ts';
import { sweepCsv, sweepMarkdown } from './sweep-reports.ts';
import { renderSweepTable } from './sweep-terminal.ts';

const hostile = '=HYPERLINK("x")|<script>alert(1)</script>\u001b[31m';

function row(step: number, rate: number, ttft: number, target = hostile): SweepRow {
  return {
    step, folder: `step-${step}-rate-${rate}`, rate, concurrency: undefined, target, prompt: 'default', requests: 40,
    achievedRps: rate * 0.95, ttftFromScheduledP50Ms: ttft, ttftFromScheduledP99Ms: undefined, ttftP50Ms: 210, ttftP99Ms: undefined,
    e2eFromScheduledP50Ms: ttft + 45, e2eFromScheduledP99Ms: undefined, e2eP50Ms: 255, e2eP99Ms: undefined, outputTokensPerSecond: rate * 9.5,
    goodput: ttft < 1000 ? 1 : 0.25, goodputCiLow: ttft < 1000 ? 0.91 : 0.14, goodputCiHigh: ttft < 1000 ? 1 : 0.4, goodputCases: 40, goodputRps: rate * 0.9, errors: 0, harnessSaturated: step === 2,
  };
}

const curve: SweepCurve = {
  spec: 'rate=2,16', kind: 'rate', arrival: 'poisson', slo: 'ttft<=1000', goodputTarget: 0.95, interrupted: false, simulatedTargets: [],
  steps: [{ step: 1, folder: 'step-1-rate-2', rate: 2, incomplete: false, meetsSlo: true }, { step: 2, folder: 'step-2-rate-16', rate: 16, incomplete: false, meetsSlo: false, harness: { saturated: true, reasons: ['event-loop delay p99 48 ms > 20 ms <b>'] } }],
  rows: [row(1, 2, 230), row(2, 16, 2100), row(1, 2, 240, 'b'), row(2, 16, 2500, 'b')],
};

describe('the sweep reports', () => {
  it('write one CSV row per step and target, blank for an unknown figure, a label made safe for a spreadsheet', () => {
    const lines = sweepCsv(curve).trimEnd().split('\n');
    expect(lines[0]).toBe('step,rate_asked,concurrency,target,prompt,requests,achieved_rps,ttft_from_scheduled_p50_ms,ttft_from_scheduled_p99_ms,ttft_p50_ms,ttft_p99_ms,e2e_from_scheduled_p50_ms,e2e_from_scheduled_p99_ms,e2e_p50_ms,e2e_p99_ms,output_tokens_per_s,goodput,goodput_ci_low,goodput_ci_high,goodput_cases,goodput_rps,errors,harness_saturated,folder');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^2,16,,"'=HYPERLINK\(""x""\)\|<script>alert\(1\)<\/script>\u001b\[31m",default,40,15\.2,2100,,210,,2145,,255,,152,0\.25,0\.14,0\.4,40,14\.4,0,yes,step-2-rate-16$/);
  });

  it('escape the label in Markdown and HTML; the page embeds both charts and links each step', () => {
    const markdown = sweepMarkdown(curve);
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('| 2 | 16.0 | =HYPERLINK\\(&quot;x&quot;\\)\\|&lt;script&gt;alert\\(1\\)&lt;/script&gt;\\\\x1B\\[31m | 40 | 15.20 | 2100/– | 210/– | 2145/– | 152.0 | 25.0 [14–40] (40) | 14.40 | 0 |');
    const html = sweepHtml(curve);
    expect(html).not.toMatch(/<script|\u001b/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;\\x1B[31m');
    expect(html).toContain('id="chart-load-curve-ttft"');
    expect(html).toContain('id="chart-load-curve-goodput"');
    expect(html).toContain('<a href="step-1-rate-2/report.html">');
    expect(html).toContain("content=\"default-src 'none'");
    // A saturated harness is flagged in every report, its reasons escaped.
    expect(html).toContain('HARNESS SATURATED in step 2 (step-2-rate-16): event-loop delay p99 48 ms &gt; 20 ms &lt;b&gt;.');
    expect(markdown).toContain('- HARNESS SATURATED in step 2 \\(step\\-2\\-rate\\-16\\)\\: event\\-loop delay p99 48 ms &gt; 20 ms &lt;b&gt;\\. These figures');
  });

  it('fit the terminal: labels made inert and cut, TTFT from scheduled kept at 100 columns', () => {
    const text = renderSweepTable(curve, { width: 100 });
    expect(text).not.toContain('\u001b');
    expect(text.split('\n').every((line) => displayWidth(line) <= 100)).toBe(true);
    expect(text).toContain('TTFT sched p50/p99');
    expect(text).toMatch(/2100\/–/);
    expect(text.replace(/\s+/g, ' ')).toContain('HARNESS SATURATED in step 2 (step-2-rate-16): event-loop delay p99 48 ms > 20 ms <b>.');
    expect(renderSweepTable(curve, { width: Infinity })).toContain('e2e sched p50/p99');
  });

  it('leave the chart out when no step has a TTFT, and goodput out without an SLO', () => {
    const bare: SweepCurve = { ...curve, slo: undefined, rows: curve.rows.map((one) => ({ ...one, ttftFromScheduledP50Ms: undefined, ttftP50Ms: undefined })) };
    const html = sweepHtml(bare);
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('Goodput');
  });
});
