import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readJsonLines } from './support/run-folder.ts';

const cases = Array.from({ length: 6 }, (_, index) => ({ id: `q${index + 1}`, prompt: `What is ${index + 1} plus ${index + 1}?`, expected: String(2 * (index + 1)) }));

type Schedule = { scheduledMs: number; sentMs?: number };
type Line = { caseId: string; target: string; repeat: number; attempt: number; schedule?: Schedule };
type Manifest = Record<string, unknown> & { status: string; scheduleStartedAt?: string; shards?: Array<{ index: number; scheduleStartedAt?: string; offsetMs?: number }> };

/** What merge refuses (exit 2, nothing written), what it merges as incomplete (exit 3), and how it puts shards on one clock. */
describe('llm-bench merge: refusals, incomplete shards, clock offsets', { timeout: 300_000 }, () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  const run = (args: string[], dataset = 'cases.jsonl') =>
    runCli(['run', '-d', dataset, '-t', `mini=openai-compatible:right@${server.url}/v1`, '--warmup', '0', '-q', ...args], { cwd: workspace.path, timeoutMs: 240_000 });
  const merge = (args: string[]) => runCli(['merge', ...args], { cwd: workspace.path, timeoutMs: 240_000 });
  const manifestPath = (folder: string) => join(workspace.path, folder, 'run.json');
  const readManifest = async (folder: string) => JSON.parse(await readFile(manifestPath(folder), 'utf8')) as Manifest;
  /** A copy of a shard's folder with its run.json changed. */
  const edited = async (from: string, to: string, change: (manifest: Manifest) => void) => {
    await cp(join(workspace.path, from), join(workspace.path, to), { recursive: true });
    const manifest = await readManifest(to);
    change(manifest);
    await writeFile(manifestPath(to), JSON.stringify(manifest));
  };

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await workspace.write('cases.jsonl', jsonl(cases));
    await workspace.write('changed.jsonl', jsonl(cases.map((item, index) => (index === 2 ? { ...item, prompt: 'What is 3 plus 4?' } : item))));
    server = await startMockServer({ cases, profiles: constantMockProfiles({ id: 'right', ttftMs: 5, tokensPerSecond: 1000, answer: { policy: 'oracle', accuracy: 1 } }) });
    const made = await Promise.all([
      run(['--shard', '1/2', '--out', 'one']),
      run(['--shard', '2/2', '--out', 'two']),
      run(['--shard', '2/2', '--out', 'two-changed'], 'changed.jsonl'),
      run(['--out', 'whole']),
    ]);
    for (const result of made) expect([result.exitCode, result.stderr]).toEqual([0, '']);
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  it('refuses a missing shard, a shard given twice, shards of another N, and a folder that is no shard, naming them', async () => {
    const missing = await merge(['one', '--out', 'missing']);
    expect([missing.exitCode, missing.stderr.trim()]).toEqual([2, 'llm-bench: merge: shard 2 of 2 is missing; give the run folders of all 2 shards']);
    await cp(join(workspace.path, 'one'), join(workspace.path, 'one-again'), { recursive: true });
    const twice = await merge(['one', 'two', 'one-again', '--out', 'twice']);
    expect([twice.exitCode, twice.stderr.trim()]).toEqual([2, 'llm-bench: merge: one and one-again are both shard 1/2; give each shard once']);
    await edited('two', 'two-of-three', (manifest) => (manifest.shard = { index: 2, count: 3 }));
    const counts = await merge(['one', 'two-of-three', '--out', 'counts']);
    expect([counts.exitCode, counts.stderr.trim()]).toEqual([2, 'llm-bench: merge two-of-three (shard 2/3): one (shard 1/2) splits its plan into 2 shards, not 3; the shards of one plan share their N']);
    const plain = await merge(['one', 'whole', '--out', 'plain']);
    expect(plain.exitCode).toBe(2);
    expect(plain.stderr).toContain("merge whole: not a shard's run folder (its run.json names no shard)");
    for (const folder of ['missing', 'twice', 'counts', 'plain']) await expect(readFile(join(workspace.path, folder, 'run.json'))).rejects.toThrow('ENOENT');
  });

  it('refuses shards of different definitions: a case changed, another repeats', async () => {
    const changed = await merge(['one', 'two-changed', '--out', 'changed']);
    expect([changed.exitCode, changed.stderr.trim()]).toEqual([2, "llm-bench: merge two-changed (shard 2/2): not a shard of the same plan as one (shard 1/2): the datasets' files differ"]);
    await edited('two', 'two-repeats', (manifest) => ((manifest.identity as { repeats: number }).repeats = 3));
    const repeats = await merge(['one', 'two-repeats', '--out', 'repeats']);
    expect([repeats.exitCode, repeats.stderr.trim()]).toEqual([2, 'llm-bench: merge two-repeats (shard 2/2): not a shard of the same plan as one (shard 1/2): repeats differ']);
    // The seed draws the schedule (and the simulator's answers) over the whole plan: another seed is another plan.
    await edited('two', 'two-seeded', (manifest) => ((manifest as unknown as { settings: { seed: number } }).settings.seed = 5));
    const seeded = await merge(['one', 'two-seeded', '--out', 'seeded']);
    expect([seeded.exitCode, seeded.stderr.trim()]).toEqual([2, 'llm-bench: merge two-seeded (shard 2/2): not a shard of the same plan as one (shard 1/2): --seed differ']);
  });

  it('refuses a shard still running, and merges an incomplete shard into a run marked incomplete (exit 3), saying so', async () => {
    await edited('two', 'two-running', (manifest) => (manifest.status = 'running'));
    const running = await merge(['one', 'two-running', '--out', 'running']);
    expect(running.exitCode).toBe(2);
    expect(running.stderr).toContain('merge two-running (shard 2/2): still running (its run.json says so); wait for it to end.');

    await edited('two', 'two-incomplete', (manifest) => (manifest.status = 'incomplete'));
    const results = join(workspace.path, 'two-incomplete', 'results.jsonl');
    const kept = (await readFile(results, 'utf8')).split('\n').filter(Boolean).slice(1);
    await writeFile(results, `${kept.join('\n')}\n`);
    const incomplete = await merge(['one', 'two-incomplete', '--out', 'incomplete']);
    expect(incomplete.stderr).toBe('');
    expect(incomplete.exitCode).toBe(3);
    expect(incomplete.stdout).toContain('Merged 2 shards');
    expect(incomplete.stdout).toContain('Shard 2/2 (two-incomplete) is incomplete');
    expect(incomplete.stdout).toContain('the merged run is incomplete');
    expect((await readManifest('incomplete')).status).toBe('incomplete');
    expect(await readJsonLines(join(workspace.path, 'incomplete', 'results.jsonl'))).toHaveLength(5);
  });

  it('refuses an --out that already holds a run', async () => {
    const taken = await merge(['one', 'two', '--out', 'whole']);
    expect(taken.exitCode).toBe(2);
    expect(taken.stderr).toContain("already holds a run's results.jsonl");
  });

  it("shifts a later shard's schedule times onto the earliest shard's clock, and records each shard's offset", async () => {
    const start = Date.parse('2026-12-07T15:00:00.000Z');
    const withSchedule = async (from: string, to: string, startMs: number) => {
      await edited(from, to, (manifest) => (manifest.scheduleStartedAt = new Date(startMs).toISOString()));
      const path = join(workspace.path, to, 'results.jsonl');
      const lines = await readJsonLines<Line>(path);
      await writeFile(path, jsonl(lines.map((line, index) => ({ ...line, schedule: { scheduledMs: 100 * index, sentMs: 100 * index + 2, dispatchDelayMs: 2 } }))));
    };
    await withSchedule('one', 'one-clock', start + 250);
    await withSchedule('two', 'two-clock', start);
    const merged = await merge(['one-clock', 'two-clock', '--out', 'clock']);
    expect(merged.exitCode).toBe(0);
    expect(merged.stdout).toContain('Schedule clock offsets: shard 1 +250 ms, shard 2 +0 ms.');
    const manifest = await readManifest('clock');
    expect(manifest.scheduleStartedAt).toBe('2026-12-07T15:00:00.000Z');
    expect(manifest.shards?.map((shard) => [shard.index, shard.offsetMs])).toEqual([[1, 250], [2, 0]]);
    const byShard = async (folder: string) => (await readJsonLines<Line>(join(workspace.path, folder, 'results.jsonl'))).map((line) => [line.caseId, line.schedule!] as const);
    const later = (await byShard('one-clock')).map(([id, schedule]) => [id, { ...schedule, scheduledMs: schedule.scheduledMs + 250, sentMs: schedule.sentMs! + 250 }] as const);
    const expected = new Map<string, Schedule>([...later, ...(await byShard('two-clock'))]);
    const got = await byShard('clock');
    expect(got).toHaveLength(6);
    for (const [id, schedule] of got) expect(schedule).toEqual(expected.get(id));
  });

  it('aligns two shards started with the same --start-at: their offsets are 0', async () => {
    // Far enough ahead for both processes to start on a busy machine (the shards wait for it together).
    const at = new Date(Math.ceil((Date.now() + 60_000) / 1000) * 1000).toISOString();
    const shards = await Promise.all([1, 2].map((index) => run(['--shard', `${index}/2`, '--rate', '20', '--start-at', at, '--out', `aligned-${index}`])));
    for (const shard of shards) expect([shard.exitCode, shard.stderr]).toEqual([0, '']);
    const merged = await merge(['aligned-1', 'aligned-2', '--out', 'aligned']);
    expect(merged.exitCode).toBe(0);
    const manifest = await readManifest('aligned');
    expect(manifest.scheduleStartedAt).toBe(at);
    expect(manifest.shards?.map((shard) => [shard.index, shard.scheduleStartedAt, shard.offsetMs])).toEqual([[1, at, 0], [2, at, 0]]);
    const lines = await readJsonLines<Line>(join(workspace.path, 'aligned', 'results.jsonl'));
    expect(lines.filter((line) => line.schedule !== undefined)).toHaveLength(6);
  }, 400_000);
});
