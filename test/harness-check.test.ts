import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HarnessCheck } from '../src/records/harness-check.ts';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { escapeHtml } from '../src/reports/escape-html.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';
import { unwrapLines } from './support/unwrap-lines.ts';

// 48 sums, answered at once by a fast local server: whatever is slow is the harness.
const cases = Array.from({ length: 48 }, (_, index) => ({ id: `sum-${index + 1}`, prompt: `What is ${index + 1} plus ${index + 1}?`, expected: String(2 * (index + 1)) }));

/**
 * A custom scorer that holds the main thread for 60 ms of its CPU time per answer, 3× the
 * threshold: on a machine busy with other work, each block lasts longer, never shorter. With 8
 * answers in flight, the next is waiting when a block ends: the blocks are most of the run.
 */
const busyScorer = `const cpuMs = () => { const { user, system } = process.threadCpuUsage?.() ?? process.cpuUsage(); return (user + system) / 1000; };
export default function slow(input) {
  const until = cpuMs() + 60;
  while (cpuMs() < until) {}
  return { score: 1, passed: true, reason: 'held the thread for 60 ms of CPU' };
}
`;

/** The run's check, from run.json. */
const harnessOf = async (folder: string) => (JSON.parse(await readFile(join(folder, 'run.json'), 'utf8')) as { harness?: HarnessCheck }).harness;

/** `run` against a fast local server: the harness flags itself when a slow scorer holds its event loop. */
describe('the harness checks itself', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  // One warm-up: the SDK is loaded before the measured span begins.
  const run = (dataset: string, model: string, concurrency: number, out: string) =>
    runCli(['run', '-d', dataset, '-t', `mini=openai-compatible:${model}@${server.url}/v1`, '--warmup', '1', '--concurrency', String(concurrency), '--out', out], { cwd: workspace.path, timeoutMs: 150_000 });

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await workspace.write('slow.mjs', busyScorer);
    await workspace.write('slow.jsonl', jsonl(cases.map((item) => ({ ...item, assert: [{ type: 'custom', module: 'slow.mjs' }] }))));
    await workspace.write('light.jsonl', jsonl(cases));
    server = await startMockServer({
      cases: cases.map((item) => ({ id: item.id, prompt: item.prompt, expected: item.expected })),
      profiles: constantMockProfiles(
        { id: 'fast', ttftMs: 2, tokensPerSecond: 2000, answer: { policy: 'oracle', accuracy: 1 } },
        // 100 ms per answer, 4 at a time: the harness has little to do.
        { id: 'steady', ttftMs: 100, tokensPerSecond: 500, answer: { policy: 'oracle', accuracy: 1 } },
      ),
    });
  });
  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  it('flags a run whose scorer holds the event loop, with the event-loop reason, in the terminal, run.json, report.md, report.html and `report DIR`', async () => {
    const result = await run('slow.jsonl', 'fast', 8, 'slow');
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const folder = join(workspace.path, 'slow');
    const harness = await harnessOf(folder);
    expect(harness?.saturated).toBe(true);
    // Each 60 ms block holds the event loop: its delay, or the time it spent stalled, passes its threshold.
    const eventLoop = harness!.reasons.filter((text) => text.startsWith('event-loop '));
    expect(eventLoop.length).toBeGreaterThan(0);
    // On a machine busy with other work the scorer gets less of a core, and the reason says so too.
    for (const reason of eventLoop) {
      expect(reason).toMatch(/^event-loop (delay p99 \d+ ms > 20 ms|stalls over 20 ms \d+% of the time > 10%)(, while the main thread used \d+% of a core: it waited for a CPU \(a busy machine\))?$/);
    }
    expect(harness!.seconds).toBeGreaterThan(0);
    expect(harness!.workerCpu.length).toBeGreaterThanOrEqual(1);

    const flag = `HARNESS SATURATED: ${harness!.reasons.join('; ')}.`;
    const markdown = await readFile(join(folder, 'report.md'), 'utf8');
    expect(markdown).toContain('> ⚠️ **HARNESS SATURATED**: event\\-loop ');
    expect(markdown).toMatch(/^Harness check: event-loop delay p99 [\d.]+ ms \(p50 [\d.]+, max [\d.]+\) · main thread CPU \d+% of a core · (\d+ )?transport workers? busy [\d%, ]+ · process CPU \d+% of all cores · over [\d.]+ (s|min \d+ s)\.$/m);
    const html = await readFile(join(folder, 'report.html'), 'utf8');
    expect(html).toContain(`<p class="loud" id="harness-saturated">${escapeHtml(flag)}`);

    // `report DIR` renders it again from run.json, and escapes what it finds there.
    const reported = await runCli(['report', 'slow'], { cwd: workspace.path });
    expect(reported.exitCode).toBe(0);
    expect(unwrapLines(reported.stdout)).toContain(flag);
    expect(await readFile(join(folder, 'report.md'), 'utf8')).toContain('> ⚠️ **HARNESS SATURATED**: event\\-loop ');
    // The run's own output, after its summary.
    expect(unwrapLines(result.stdout)).toContain(flag);
  }, 180_000);

  it('does not flag a light run, and its reports still list the figures that were checked', async () => {
    const result = await run('light.jsonl', 'steady', 4, 'light');
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const folder = join(workspace.path, 'light');
    const harness = await harnessOf(folder);
    expect(harness).toBeDefined();
    const markdown = await readFile(join(folder, 'report.md'), 'utf8');
    const html = await readFile(join(folder, 'report.html'), 'utf8');
    expect(markdown).toMatch(/^Harness check( \(not saturated\))?: event-loop delay p99 [\d.]+ ms .* main thread CPU \d+% of a core .*\.$/m);
    expect(html).toMatch(/<p class="meta harness">Harness check( \(not saturated\))?: event-loop delay p99 [\d.]+ ms/);
    // Nothing holds the main thread here: it is never blamed. A machine busy with other work (the
    // test suite's) may still delay its loop, and the reason then says the thread waited for a CPU.
    expect(harness!.mainThreadCpu).toBeLessThan(0.5);
    const eventLoop = harness!.reasons.filter((text) => text.startsWith('event-loop'));
    if (eventLoop.length > 0) expect(eventLoop.at(-1)).toContain('it waited for a CPU (a busy machine)');
    expect(harness!.reasons.filter((text) => text.startsWith('main thread'))).toEqual([]);
    if (!harness!.saturated) {
      expect(result.stdout).not.toContain('HARNESS SATURATED');
      expect(markdown).not.toContain('HARNESS SATURATED');
      expect(html).not.toContain('HARNESS SATURATED');
    }

    // run.json is a file anyone may edit: what `report` reads back from it is kept inert.
    const manifestPath = join(folder, 'run.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { harness: HarnessCheck };
    manifest.harness = { ...manifest.harness, saturated: true, reasons: ['\u001b[2J\u001b]0;owned\u0007<img src=x onerror=alert(1)> | @team'] };
    await writeFile(manifestPath, JSON.stringify(manifest));
    const reported = await runCli(['report', 'light'], { cwd: workspace.path });
    expect(reported.exitCode).toBe(0);
    expect(reported.stdout).toContain('HARNESS SATURATED: ');
    expect(reported.stdout).not.toContain('\u001b');
    expect(reported.stdout).not.toContain('\u0007');
    const rewritten = await readFile(join(folder, 'report.html'), 'utf8');
    expect(rewritten).toContain('<p class="loud" id="harness-saturated">HARNESS SATURATED: ');
    expect(rewritten).not.toContain('<img');
    expect(rewritten).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(await readFile(join(folder, 'report.md'), 'utf8')).not.toContain('<img');
  }, 180_000);
});
