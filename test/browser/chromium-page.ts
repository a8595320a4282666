import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';

/** Debian's chromium, or the one `CHROMIUM_PATH` names; never a browser Playwright downloads. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Why nothing can be opened in chromium here, or undefined when it can. */
export const chromiumMissing = existsSync(chromiumPath) ? undefined : `chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`;

/** Every wait is bounded: a stuck browser fails the test, named, instead of hanging it. */
const launchTimeoutMs = 30_000;
const pageTimeoutMs = 30_000;
const closeTimeoutMs = 10_000;

export type PageMessage = { type: string; text: string };

/** A page opened from a file, with everything it said and tried while it loaded. */
export type OpenedPage = {
  page: Page;
  /** Console messages of every type; a CSP violation is one of type `error`. */
  console: PageMessage[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** alert/confirm/prompt/beforeunload dialogs, dismissed as they come. */
  dialogs: string[];
  /** Every request the page made, the document's own included. */
  requests: string[];
};

export type OpenOptions = {
  viewport?: { width: number; height: number };
  /** Open with the page's Content-Security-Policy switched off: escaping alone must hold. */
  bypassCSP?: boolean;
};

export type Chromium = {
  /** The browser's process id (its helpers are its descendants). */
  pid: number | undefined;
  open(file: string, options?: OpenOptions): Promise<OpenedPage>;
  /** Closes every page and the browser; the process is killed if it does not go. Safe to call twice. */
  close(): Promise<void>;
};

/**
 * Launches chromium as a server process the caller owns: `close()` ends it, by force if a polite
 * close does not finish in time, so a failing test leaves no browser behind.
 */
export async function launchChromium(): Promise<Chromium> {
  const server = await chromium.launchServer({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    timeout: launchTimeoutMs,
  });
  let browser: Browser | undefined;
  try {
    browser = await chromium.connect(server.wsEndpoint(), { timeout: launchTimeoutMs });
  } catch (error) {
    await stop(server);
    throw error;
  }
  const connected = browser;
  let closed = false;
  return {
    pid: server.process().pid,
    open: (file, options = {}) => openFile(connected, file, options),
    close: async () => {
      if (closed) return;
      closed = true;
      await withTimeout(connected.close(), closeTimeoutMs).catch(() => undefined);
      await stop(server);
    },
  };
}

async function openFile(browser: Browser, file: string, options: OpenOptions): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    bypassCSP: options.bypassCSP ?? false,
    // No network: anything the page asks for beyond file:// fails, and is still recorded below.
    offline: true,
  });
  context.setDefaultTimeout(pageTimeoutMs);
  context.setDefaultNavigationTimeout(pageTimeoutMs);
  const page = await context.newPage();
  const opened: OpenedPage = { page, console: [], pageErrors: [], dialogs: [], requests: [] };
  page.on('console', (message) => opened.console.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => opened.pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    opened.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('request', (request) => opened.requests.push(request.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return opened;
}

async function stop(server: BrowserServer): Promise<void> {
  await withTimeout(server.close(), closeTimeoutMs).catch(() => undefined);
  await server.kill().catch(() => undefined);
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${milliseconds} ms`)), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
