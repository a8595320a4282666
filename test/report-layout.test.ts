import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportHtml } from '../src/reports/report-html.ts';
import type { ReportInput } from '../src/reports/report-input.ts';
import { makeAttempt } from '../src/stats/make-attempt.ts';
import { summarize } from '../src/stats/summarize.ts';
import { chromiumMissing, launchChromium, type Chromium } from './browser/chromium-page.ts';
import { makeWorkspace } from './support/run-folder.ts';

type Workspace = Awaited<ReturnType<typeof makeWorkspace>>;

/**
 * A run whose texts have no place to break: a 150-character target label, 190-character case
 * ids, a 300-character tag, a long endpoint and error message; and four targets, whose figures
 * make the summary wide.
 */
function unbrokenRun(): ReportInput {
  const targets = ['L'.repeat(150), 'short', 'openai:gpt-4o', 'anthropic:claude-sonnet-4'];
  const cases = Array.from({ length: 12 }, (_, index) => ({ caseId: `k${index}${'W'.repeat(190)}`, prompt: `What is ${index}+0? ${'P'.repeat(400)}`, expected: String(index), tags: ['T'.repeat(300), `t${index % 3}`] }));
  const records = cases.flatMap((testCase, index) => targets.map((target, column) =>
    column === 3 && index % 4 === 0
      ? makeAttempt({ caseId: testCase.caseId, target, error: { type: 'network', message: `connect ECONNREFUSED ${'E'.repeat(300)}` } })
      : makeAttempt({ caseId: testCase.caseId, target, output: `${index} ${'A'.repeat(500)}`, timing: { ttftMs: 100 + column * 20 + index, e2eMs: 300 + index, outputTps: 50 + column }, costUsd: 0.0001 * (column + 1), score: { score: (index + column) % 3 === 0 ? 0 : 1, passed: (index + column) % 3 !== 0, reason: `R${'r'.repeat(200)}` } })));
  return {
    records,
    summaries: summarize(records),
    comparisons: [],
    run: {
      runId: `run-${'I'.repeat(120)}`,
      simulatedTargets: [],
      startedAt: '2026-12-07T12:00:00.000Z',
      finishedAt: '2026-12-07T12:00:09.000Z',
      cases,
      description: {
        datasets: [{ name: 'd', path: `/work/${'D'.repeat(200)}/d.jsonl`, cases: cases.length }],
        targets: targets.map((label) => ({ label, kind: 'openai-compatible', model: `m${'M'.repeat(120)}`, endpoint: `http://127.0.0.1:9/${'U'.repeat(200)}/v1`, simulated: false })),
        settings: { repeats: 1, judge: `openai:${'J'.repeat(200)}` },
      },
    },
  };
}

const skipped = chromiumMissing && `${chromiumMissing}: the layout tests of report.html are skipped`;
if (skipped) console.warn(skipped);

describe.skipIf(skipped !== undefined)(skipped || 'report.html\'s layout in chromium: no text widens the page', () => {
  let workspace: Workspace;
  let browser: Chromium;
  let file: string;

  beforeAll(async () => {
    workspace = await makeWorkspace();
    file = join(workspace.path, 'report.html');
    await writeFile(file, reportHtml.render(unbrokenRun()));
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await workspace?.remove();
  });

  it('never scrolls sideways, at 1,400, 800 and 400 px, and the summary fits a 1,400 px window whole', async () => {
    for (const width of [1400, 800, 400]) {
      const opened = await browser.open(file, { viewport: { width, height: 900 } });
      const layout = await opened.page.evaluate(() => {
        const summary = document.querySelector('#summary + .scroll');
        const table = summary?.querySelector('table');
        return {
          page: document.documentElement.scrollWidth,
          window: document.documentElement.clientWidth,
          summaryBox: summary?.clientWidth ?? 0,
          summaryTable: table?.getBoundingClientRect().width ?? Infinity,
          // Anything drawn past the window's right edge.
          past: [...document.querySelectorAll('body *')].filter((element) => element.closest('.scroll') === null && element.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((element) => element.tagName).slice(0, 5),
        };
      });
      await opened.page.context().close();
      expect({ width, page: layout.page, past: layout.past }).toEqual({ width, page: layout.window, past: [] });
      if (width === 1400) expect(layout.summaryTable).toBeLessThanOrEqual(layout.summaryBox);
    }
  });
});
