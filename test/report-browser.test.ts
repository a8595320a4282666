import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, type Chromium, type OpenedPage } from './browser/chromium-page.ts';
import { benignFiller, hostileFiller, xssPayloads } from './browser/hostile-run.ts';
import { runWithFiller, type Run, type Workspace } from './browser/run-with-filler.ts';
import { pageSkeleton } from './browser/page-skeleton.ts';
import { makeWorkspace } from './support/run-folder.ts';

const artifacts = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

/** What a page did that it should not: every console message, error, dialog and request beyond its own file. */
async function misdeeds(opened: OpenedPage, file: string) {
  return {
    console: opened.console.map((message) => `${message.type}: ${message.text}`),
    pageErrors: opened.pageErrors,
    dialogs: opened.dialogs,
    requests: opened.requests.filter((url) => url !== `file://${file}`),
    pwned: await opened.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null),
  };
}
const clean = { console: [], pageErrors: [], dialogs: [], requests: [], pwned: null };

const skipped = chromiumMissing && `${chromiumMissing}: the browser tests of report.html are skipped`;
if (skipped) console.warn(skipped);

describe.skipIf(skipped !== undefined)(skipped || 'report.html in chromium, with hostile values everywhere', () => {
  let workspace: Workspace;
  let browser: Chromium;
  let hostile: Run;
  let benign: Run;

  beforeAll(async () => {
    workspace = await makeWorkspace();
    // One run after the other: two at once would fight over the 2 cores the suite has.
    hostile = await runWithFiller(workspace, 'hostile', hostileFiller);
    benign = await runWithFiller(workspace, 'benign', benignFiller);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all([...(hostile?.servers ?? []), ...(benign?.servers ?? [])].map((server) => server.close()));
    await workspace?.remove();
  });

  it('runs to the end with each kind of outcome: passes, fails and the fourth target\'s errors', () => {
    for (const run of [hostile, benign]) {
      expect(run.result.stderr).not.toMatch(/Error:|at .*\.ts:\d+/);
      expect(run.result.exitCode).toBe(0);
    }
  });

  it('renders the hostile page with no console message, no page error, no dialog, no request beyond itself, and no payload run, with its CSP and without it', async () => {
    expect(xssPayloads.length).toBeGreaterThanOrEqual(30);
    for (const bypassCSP of [false, true]) {
      const opened = await browser.open(hostile.report, { bypassCSP });
      // Hover and focus everything a payload could have hung a handler on, and open every <details>.
      await opened.page.evaluate(() => {
        for (const element of document.querySelectorAll('*')) {
          for (const type of ['mouseover', 'focus', 'click', 'toggle']) element.dispatchEvent(new Event(type));
        }
        for (const details of document.querySelectorAll('details')) details.open = true;
      });
      await opened.page.waitForTimeout(200);
      expect(await misdeeds(opened, hostile.report), bypassCSP ? 'with the CSP switched off' : 'with the CSP').toEqual(clean);
      await opened.page.context().close();
    }
  });

  it('renders the benign twin with no console message either (the control)', async () => {
    const opened = await browser.open(benign.report);
    expect(await misdeeds(opened, benign.report)).toEqual(clean);
    await opened.page.context().close();
  });

  it('shows every hostile value as the text it is: labels, case ids, tags, prompts, expected answers, answers and error messages', async () => {
    const opened = await browser.open(hostile.report);
    const text = await opened.page.evaluate(() => document.body.textContent ?? '');
    await opened.page.context().close();
    const { cases, labels, errorMessage, wrong } = hostile.files;
    const shown = [
      ...labels,
      ...cases.flatMap((item, index) => [item.id, item.prompt, item.expected, ...(item.tags ?? []), ...(index % 2 === 1 ? [wrong(index)] : []), errorMessage(index) ?? '']),
    ].filter((value) => value !== '');
    expect(shown.filter((value) => !text.includes(value))).toEqual([]);
  });

  it('has the DOM structure of the benign run of the same shape: no value added an element or an attribute', async () => {
    const [hostilePage, benignPage] = [await browser.open(hostile.report), await browser.open(benign.report)];
    const [hostileSkeleton, benignSkeleton] = [await pageSkeleton(hostilePage.page), await pageSkeleton(benignPage.page)];
    await Promise.all([hostilePage.page.context().close(), benignPage.page.context().close()]);
    expect(benignSkeleton.length).toBeGreaterThan(100);
    expect(hostileSkeleton).toEqual(benignSkeleton);
  });

  it('draws every chart with its marks: a distribution line per target, a box per target, the error segment, a point and its intervals per target on the frontier charts', async () => {
    const opened = await browser.open(hostile.report);
    const charts = await opened.page.$$eval('figure svg', (svgs) =>
      svgs.map((svg) => {
        // Drawn shapes per mark (Plot names each mark's group with its aria-description): an empty path counts for nothing.
        const marks: Record<string, number> = {};
        for (const group of svg.querySelectorAll('[aria-description]')) {
          const description = group.getAttribute('aria-description') ?? '';
          const shapes = group.matches('path, circle, rect, line') ? [group] : [...group.querySelectorAll('path, circle, rect, line')];
          const drawn = shapes.filter((shape) => {
            const box = (shape as SVGGraphicsElement).getBBox();
            return box.width > 0 || box.height > 0;
          });
          marks[description] = (marks[description] ?? 0) + drawn.length;
        }
        return [svg.closest('figure')?.id ?? '', marks] as const;
      }),
    );
    await opened.page.context().close();
    // 4 targets, all of which answered something; the fourth's only error type is bad_request.
    expect(Object.fromEntries(charts)).toMatchObject({
      'chart-ttft-distribution': { 'distribution line': 4 },
      'chart-e2e-distribution': { 'distribution line': 4 },
      'chart-output-speed': { whisker: 4, box: 4, median: 4 },
      'chart-errors-by-type': { 'error segment': 1 },
      'chart-quality-cost': { 'target point': 4, 'pass rate interval': 4, 'pareto frontier': 1 },
      'chart-quality-ttft': { 'target point': 4, 'pass rate interval': 4, 'ttft interval': 4, 'pareto frontier': 1 },
    });
  });

  it('saves a screenshot of the page as a test artifact', async () => {
    const opened = await browser.open(hostile.report, { viewport: { width: 1280, height: 900 } });
    await mkdir(artifacts, { recursive: true });
    const path = join(artifacts, 'report.png');
    await opened.page.screenshot({ path, fullPage: true });
    await opened.page.context().close();
    // A blank 1280×900 PNG is a few kilobytes; a page of tables and text is far more.
    expect((await stat(path)).size).toBeGreaterThan(30_000);
  });
});
