import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendReportToStepSummary, appendStepSummary } from './append-step-summary.ts';

describe('appendStepSummary and appendReportToStepSummary', () => {
  let folder: string;
  let warnings: string[];
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'llm-bench-step-summary-'));
    warnings = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => void warnings.push(message));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(folder, { recursive: true, force: true });
  });

  it("appends the run's report.md after a blank line, and only that file of the run's", async () => {
    const summary = join(folder, 'summary.md');
    await writeFile(summary, 'earlier step\n');
    const report = join(folder, 'report.md');
    await writeFile(report, '## llm-bench run `r1`\n');
    await writeFile(join(folder, 'other.md'), 'not this one\n');
    await appendReportToStepSummary([join(folder, 'summary.csv'), join(folder, 'other.md'), report], { GITHUB_STEP_SUMMARY: summary });
    expect(await readFile(summary, 'utf8')).toBe('earlier step\n\n## llm-bench run `r1`\n');
    expect(warnings).toEqual([]);
  });

  it('does nothing without the variable, with it empty, or when the run wrote no report.md', async () => {
    const summary = join(folder, 'summary.md');
    await writeFile(summary, '');
    const report = join(folder, 'report.md');
    await writeFile(report, 'report\n');
    await appendReportToStepSummary([report], {});
    await appendReportToStepSummary([report], { GITHUB_STEP_SUMMARY: '' });
    await appendReportToStepSummary([join(folder, 'report.html')], { GITHUB_STEP_SUMMARY: summary });
    expect(await readFile(summary, 'utf8')).toBe('');
    expect(warnings).toEqual([]);
  });

  it('warns, and goes on, when the summary cannot be written or the report read', async () => {
    await appendStepSummary('text', { GITHUB_STEP_SUMMARY: join(folder, 'missing', 'summary.md') });
    await appendReportToStepSummary([join(folder, 'gone', 'report.md')], { GITHUB_STEP_SUMMARY: join(folder, 'summary.md') });
    expect(warnings).toEqual([
      `llm-bench: warning: cannot append to $GITHUB_STEP_SUMMARY (${join(folder, 'missing', 'summary.md')}): ENOENT`,
      `llm-bench: warning: cannot read ${join(folder, 'gone', 'report.md')} for $GITHUB_STEP_SUMMARY: ENOENT`,
    ]);
  });

  it('never waits on a pipe nobody reads, and writes nothing to a device or a pipe', async () => {
    const fifo = join(folder, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // Without a reader, opening it for writing would block the finished run for ever.
    await appendStepSummary('text', { GITHUB_STEP_SUMMARY: fifo });
    await appendStepSummary('text', { GITHUB_STEP_SUMMARY: '/dev/null' });
    expect(warnings).toEqual([
      `llm-bench: warning: cannot append to $GITHUB_STEP_SUMMARY (${fifo}): ENXIO`,
      'llm-bench: warning: cannot append to $GITHUB_STEP_SUMMARY (/dev/null): not a regular file',
    ]);
  });
});
