import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../support/run-folder.ts';
import { chromiumMissing, launchChromium } from './chromium-page.ts';

/** Alive and not a zombie: /proc/<pid>/stat's state is not Z (Linux). */
function running(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  return existsSync(stat) && !/^\d+ \(.*\) Z/s.test(readFileSync(stat, 'utf8'));
}

/** The helper the report tests rest on: if it saw nothing, their "nothing happened" would prove nothing. */
describe.skipIf(chromiumMissing !== undefined)(chromiumMissing ?? 'opening a page in chromium', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>> | undefined;
  afterAll(async () => workspace?.remove());

  it('records what a page does: console messages, an uncaught error, a dialog, a request, a CSP violation', async () => {
    workspace = await makeWorkspace();
    const loud = await workspace.write('loud.html', `<!doctype html><title>loud</title><script>
      console.log('said'); console.error('shouted'); alert('hello'); new Image().src = 'https://example.invalid/pixel.png';
    </script><script>throw new Error('thrown')</script>`);
    const strict = await workspace.write('strict.html', `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><script>window.ran = 1</script>`);
    const browser = await launchChromium();
    try {
      const opened = await browser.open(loud);
      // Events reach the test on their own schedule; the page is done with them by its load.
      await expect.poll(() => opened.console.length + opened.pageErrors.length).toBe(4);
      expect(opened.console).toEqual([
        { type: 'log', text: 'said' },
        { type: 'error', text: 'shouted' },
        { type: 'error', text: expect.stringContaining('ERR_INTERNET_DISCONNECTED') },
      ]);
      expect(opened.dialogs).toEqual(['alert: hello']);
      expect(opened.pageErrors).toEqual(['thrown']);
      expect(opened.requests).toContain('https://example.invalid/pixel.png');
      const blocked = await browser.open(strict);
      await expect.poll(() => blocked.console.length).toBe(1);
      expect(blocked.console.map((message) => message.type)).toEqual(['error']);
      expect(blocked.console[0]?.text).toContain('Content Security Policy');
      expect(await blocked.page.evaluate(() => (window as unknown as { ran?: number }).ran ?? null)).toBeNull();
    } finally {
      await browser.close();
    }
  });

  it('ends the browser process on close, and a second close does nothing', async () => {
    const browser = await launchChromium();
    const pid = browser.pid!;
    expect(running(pid)).toBe(true);
    await browser.close();
    await browser.close();
    expect(running(pid)).toBe(false);
  });
});
