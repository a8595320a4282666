/**
 * The two pictures in docs/: report.png, the top of a real 218-case, 4-target demo run's
 * report.html (every shipped JSONL dataset against the simulator), and progress.png, the live
 * progress line as tmux captured it (docs/progress-capture.ansi), drawn as a dark terminal. Both
 * are screenshots by Debian's chromium, shrunk with pngquant when it is installed.
 *
 *   node scripts/capture-docs-images.ts [--run FOLDER] [--only report|progress]
 *
 * --run pictures that run folder's report.html instead of a new demo run's.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { escapeHtml } from '../src/reports/escape-html.ts';
import { chromiumMissing, launchChromium } from '../test/browser/chromium-page.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const docs = join(root, 'docs');
const { values } = parseArgs({ options: { run: { type: 'string' }, only: { type: 'string' } } });
if (chromiumMissing) throw new Error(chromiumMissing);

/** A demo run of every shipped JSONL dataset (218 cases × 4 simulated targets); its folder. */
function demoRun(folder: string): string {
  const datasets = readdirSync(join(root, 'datasets')).filter((name) => name.endsWith('.jsonl')).flatMap((name) => ['-d', `datasets/${name}`]);
  const run = spawnSync(process.execPath, ['src/cli/main.ts', 'demo', ...datasets, '--concurrency', '16', '--quiet', '--out', folder], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`demo run failed (exit ${run.status})`);
  return folder;
}

/** The page at 1280 pixels wide, from its top to 2,500 pixels down: header, summary and charts. */
async function captureReport(runFolder: string): Promise<void> {
  const opened = await browser.open(join(runFolder, 'report.html'), { viewport: { width: 1280, height: 2500 } });
  const problems = [...opened.console.map((message) => `${message.type}: ${message.text}`), ...opened.pageErrors];
  if (problems.length > 0) throw new Error(`report.html: ${problems.join('; ')}`);
  const file = join(docs, 'report.png');
  await opened.page.screenshot({ path: file, clip: { x: 0, y: 0, width: 1280, height: 2500 } });
  await opened.page.context().close();
  await shrink(file);
}

/** docs/progress-capture.ansi in a dark terminal of its own width, one image of the whole capture. */
async function captureProgress(): Promise<void> {
  const capture = await readFile(join(docs, 'progress-capture.ansi'), 'utf8');
  const lines = capture.replace(/\n+$/, '').split('\n');
  const columns = Math.max(...lines.map((line) => [...line.replace(/\x1b\[[\d;]*m/g, '')].length));
  const page = join(scratch, 'progress.html');
  await writeFile(page, terminalPage(lines.map(ansiLineHtml), columns));
  const opened = await browser.open(page, { viewport: { width: 1400, height: 400 } });
  const file = join(docs, 'progress.png');
  await opened.page.locator('.terminal').screenshot({ path: file });
  await opened.page.context().close();
  await shrink(file);
}

function terminalPage(lines: string[], columns: number): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>
body { margin: 0; background: #fff; }
.terminal { display: inline-block; margin: 0; padding: 14px 18px; background: #1e1e1e; color: #d4d4d4; border-radius: 6px;
  font: 14px/1.45 "DejaVu Sans Mono", "Liberation Mono", monospace; white-space: pre; min-width: ${columns}ch; }
.b { font-weight: bold; } .d { opacity: 0.6; } .i { font-style: italic; } .u { text-decoration: underline; }
</style></head><body><pre class="terminal">${lines.join('\n')}</pre></body></html>`;
}

/** The 16 colours of a dark terminal theme (VS Code's), 30–37 then 90–97. */
const palette = ['#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5', '#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff'];

/** One line of SGR-coloured text as HTML spans: bold, dim, italic, underline, 16 colours and 256/RGB ones. */
function ansiLineHtml(line: string): string {
  let style = { bold: false, dim: false, italic: false, underline: false, foreground: '', background: '' };
  let html = '';
  for (const [, codes, text] of line.matchAll(/(?:\x1b\[([\d;]*)m)?([^\x1b]*)/g)) {
    if (codes !== undefined) style = applySgr(style, codes === '' ? [0] : codes.split(';').map(Number));
    if (!text) continue;
    const classes = [style.bold && 'b', style.dim && 'd', style.italic && 'i', style.underline && 'u'].filter(Boolean).join(' ');
    const css = [style.foreground && `color:${style.foreground}`, style.background && `background:${style.background}`].filter(Boolean).join(';');
    html += classes || css ? `<span${classes ? ` class="${classes}"` : ''}${css ? ` style="${css}"` : ''}>${escapeHtml(text)}</span>` : escapeHtml(text);
  }
  return html;
}

type Style = { bold: boolean; dim: boolean; italic: boolean; underline: boolean; foreground: string; background: string };

function applySgr(current: Style, codes: number[]): Style {
  const style = { ...current };
  for (let index = 0; index < codes.length; index++) {
    const code = codes[index]!;
    if (code === 0) Object.assign(style, { bold: false, dim: false, italic: false, underline: false, foreground: '', background: '' });
    else if (code === 1) style.bold = true;
    else if (code === 2) style.dim = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = true;
    else if (code === 22) Object.assign(style, { bold: false, dim: false });
    else if (code === 23) style.italic = false;
    else if (code === 24) style.underline = false;
    else if (code >= 30 && code <= 37) style.foreground = palette[code - 30]!;
    else if (code >= 90 && code <= 97) style.foreground = palette[code - 90 + 8]!;
    else if (code === 39) style.foreground = '';
    else if (code >= 40 && code <= 47) style.background = palette[code - 40]!;
    else if (code >= 100 && code <= 107) style.background = palette[code - 100 + 8]!;
    else if (code === 49) style.background = '';
    else if (code === 38 || code === 48) {
      const [colour, used] = extendedColour(codes.slice(index + 1));
      if (code === 38) style.foreground = colour;
      else style.background = colour;
      index += used;
    }
  }
  return style;
}

/** `5;N` (the 256-colour cube) or `2;R;G;B`: the colour and how many codes it took. */
function extendedColour(codes: number[]): [string, number] {
  if (codes[0] === 2) return [`rgb(${codes[1] ?? 0},${codes[2] ?? 0},${codes[3] ?? 0})`, 4];
  const index = codes[1] ?? 0;
  if (index < 16) return [palette[index]!, 2];
  if (index >= 232) {
    const grey = 8 + 10 * (index - 232);
    return [`rgb(${grey},${grey},${grey})`, 2];
  }
  const cube = index - 16;
  const level = (value: number) => (value === 0 ? 0 : 55 + 40 * value);
  return [`rgb(${level(Math.floor(cube / 36))},${level(Math.floor(cube / 6) % 6)},${level(cube % 6)})`, 2];
}

/** pngquant, when installed: a screenshot of text and flat colours keeps its look in a palette of 256. */
async function shrink(file: string): Promise<void> {
  const before = (await stat(file)).size;
  const quantized = spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality', '70-95', '--output', file, file]);
  const after = (await stat(file)).size;
  console.log(`${file}: ${after} bytes${quantized.error ? ' (pngquant not installed: not shrunk)' : ` (${before} before pngquant)`}`);
}

const scratch = await mkdtemp(join(tmpdir(), 'llm-bench-docs-images-'));
const browser = await launchChromium();
try {
  if (values.only !== 'progress') await captureReport(values.run ?? demoRun(join(scratch, 'demo')));
  if (values.only !== 'report') await captureProgress();
} finally {
  await browser.close();
  await rm(scratch, { recursive: true, force: true });
}
