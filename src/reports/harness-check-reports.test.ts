import { describe, expect, it } from 'vitest';
import type { HarnessCheck } from '../records/harness-check.ts';
import { runHeaderHtml } from './html/run-header-html.ts';
import type { ReportInput, RunInfo } from './report-input.ts';
import { reportMd } from './report-md.ts';

const calm: HarnessCheck = {
  seconds: 12.4,
  eventLoopDelayMs: { p50: 0.12, p99: 3.06, max: 12.4 },
  mainThreadCpu: 0.412,
  workerCpu: [0.2],
  processCpu: 0.3,
  saturated: false,
  reasons: [],
};

/** A run.json edited by hand, or a future reason: whatever its text, the reports keep it inert. */
const hostile: HarnessCheck = { ...calm, saturated: true, reasons: ['event-loop delay p99 48 ms > 20 ms', '<script>alert(1)</script> | @team #12'] };

const runOf = (harness?: HarnessCheck): RunInfo => ({ runId: 'r1', simulatedTargets: [], incomplete: false, ...(harness ? { harness } : {}) });
const input = (harness?: HarnessCheck): ReportInput => ({ summaries: [], comparisons: [], records: [], run: runOf(harness) }) as unknown as ReportInput;

describe('the harness check in report.md', () => {
  it('warns near the top of a saturated run, its reasons escaped, then lists the figures', () => {
    const markdown = reportMd.render(input(hostile)) as string;
    const lines = markdown.split('\n');
    const warning = lines.findIndex((line) => line.startsWith('> ⚠️ **HARNESS SATURATED**: event\\-loop delay p99 48 ms &gt; 20 ms; '));
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(6);
    expect(lines[warning]).not.toContain('<script>');
    expect(lines[warning]).toContain('&lt;script&gt;');
    expect(lines[warning]).toContain('\\|');
    expect(lines[warning]).toContain('@&#8203;team');
    expect(lines[warning]).toMatch(/\. These figures may show the harness's own limit .* split the load with --shard\.$/);
    expect(markdown).toContain('Harness check: event-loop delay p99 3.1 ms (p50 0.1, max 12) · main thread CPU 41% of a core');
  });

  it('lists the figures of a run that was not saturated, and says nothing of a run made before the check', () => {
    const markdown = reportMd.render(input(calm)) as string;
    expect(markdown).not.toContain('SATURATED');
    expect(markdown).toContain('Harness check (not saturated): event-loop delay p99 3.1 ms');
    expect(reportMd.render(input()) as string).not.toContain('Harness check');
  });
});

describe('the harness check in report.html\'s header', () => {
  it('is a loud note beside SIMULATED, escaped, and a line of figures', () => {
    const html = runHeaderHtml({ run: { ...runOf(hostile), simulatedTargets: ['sim'] }, summaries: [] });
    expect(html).toContain('<p class="loud" id="harness-saturated">HARNESS SATURATED: event-loop delay p99 48 ms &gt; 20 ms; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<p class="loud">SIMULATED:');
    expect(html).toContain('<p class="meta harness">Harness check: event-loop delay p99 3.1 ms (p50 0.1, max 12) · main thread CPU 41% of a core');
  });

  it('shows only the figures when not saturated, nothing before the check', () => {
    const html = runHeaderHtml({ run: runOf(calm), summaries: [] });
    expect(html).not.toContain('SATURATED');
    expect(html).toContain('Harness check (not saturated): ');
    expect(runHeaderHtml({ run: runOf(), summaries: [] })).not.toContain('Harness check');
  });
});
