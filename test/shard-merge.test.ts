import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readCsv, readJsonLines } from './support/run-folder.ts';

// 20 sums, each asked twice of two models: 80 slots. `right` answers every one right; `book` gets the first 6 wrong.
const cases = Array.from({ length: 20 }, (_, index) => ({ id: `sum-${index + 1}`, prompt: `What is ${index + 1} plus ${index + 1}?`, expected: String(2 * (index + 1)) }));
const book = cases.map((item, index) => ({ match: { caseId: item.id }, reply: index < 6 ? 'I am not sure.' : item.expected }));

type Line = { caseId: string; target: string; prompt: string; repeat: number; attempt: number; final: boolean; status: string; output: string; score?: { passed?: boolean }; usage: { outputTokens?: number } };
type Manifest = { status: string; configHash: string; identity: Record<string, unknown>; results: unknown; shard?: { index: number; count: number }; shards?: Array<{ index: number; folder: string }>; settings: Record<string, unknown> };

/** What a run decides, timings and dates aside. */
const outcome = (line: Line) => JSON.stringify([line.caseId, line.target, line.prompt, line.repeat, line.attempt, line.final, line.status, line.output, line.score?.passed, line.usage.outputTokens]);
// summary.csv's counts and quality figures: every column but the timings, throughput and their intervals.
const quality = ['target', 'prompt', 'requests', 'success_rate', 'first_attempt_success_rate', 'cost_usd_total', 'score_mean', 'pass_rate', 'pass_rate_ci_low', 'pass_rate_ci_high', 'pass_rate_cases', 'repeats', 'pass_at_k', 'pass_all_k', 'flaky_cases', 'scored', 'passed', 'ok', 'unanswered', 'not_sent', 'attempts', 'cases'];

describe('llm-bench run --shard K/N, then merge', { timeout: 300_000 }, () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  const run = (args: string[]) =>
    runCli(['run', '-d', 'cases.jsonl', '-t', `right=openai-compatible:right@${server.url}/v1`, '-t', `book=openai-compatible:book@${server.url}/v1`, '--repeats', '2', '--warmup', '0', '--concurrency', '8', '-q', ...args], { cwd: workspace.path, timeoutMs: 240_000 });
  const manifest = async (folder: string) => JSON.parse(await readFile(join(workspace.path, folder, 'run.json'), 'utf8')) as Manifest;
  const lines = (folder: string) => readJsonLines<Line>(join(workspace.path, folder, 'results.jsonl'));

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await workspace.write('cases.jsonl', jsonl(cases));
    const bookPath = await workspace.write('book.answers.jsonl', jsonl(book));
    server = await startMockServer({
      cases,
      profiles: constantMockProfiles(
        { id: 'right', ttftMs: 5, tokensPerSecond: 1000, answer: { policy: 'oracle', accuracy: 1 } },
        { id: 'book', ttftMs: 5, tokensPerSecond: 1000, answer: { policy: 'book', path: bookPath } },
      ),
    });
    const single = await run(['--out', 'single']);
    expect(single.stderr).toBe('');
    expect(single.exitCode).toBe(0);
    const shards = await Promise.all([1, 2, 3].map((index) => run(['--shard', `${index}/3`, '--out', `shard-${index}`])));
    for (const shard of shards) {
      expect(shard.stderr).toBe('');
      expect(shard.exitCode).toBe(0);
    }
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  it('sends every slot of the plan in exactly one shard, each shard a third of it with both targets and both repeats', async () => {
    const shards = await Promise.all([1, 2, 3].map((index) => lines(`shard-${index}`)));
    expect(shards.map((shard) => shard.filter((line) => line.final).length)).toEqual([27, 27, 26]);
    for (const shard of shards) {
      expect(new Set(shard.map((line) => line.target))).toEqual(new Set(['right', 'book']));
      expect(new Set(shard.map((line) => line.repeat))).toEqual(new Set([1, 2]));
    }
    const slots = shards.flat().map((line) => outcome(line));
    expect(new Set(slots).size).toBe(80);
    expect((await manifest('shard-2')).shard).toEqual({ index: 2, count: 3 });
  });

  it('merges the 3 shards, given in any order, into the run one machine would have made: same slots, outputs, statuses, counts and quality figures', async () => {
    const merged = await runCli(['merge', 'shard-3', 'shard-1', 'shard-2', '--out', 'merged'], { cwd: workspace.path, timeoutMs: 240_000 });
    expect(merged.stderr).toBe('');
    expect(merged.exitCode).toBe(0);
    expect(merged.stdout).toContain(`Merged 3 shards into ${join(workspace.path, 'merged')}: 80 slots (80 ok, 0 failed), 80 attempts.`);

    const single = await lines('single');
    const joined = await lines('merged');
    expect(joined.map(outcome).toSorted()).toEqual(single.map(outcome).toSorted());
    expect(joined.filter((line) => line.score?.passed === false)).toHaveLength(12);
    // In plan order: repeat by repeat, case by case.
    const place = (line: Line) => (line.repeat - 1) * 1000 + Number(line.caseId.slice(4));
    expect(joined.map(place)).toEqual(joined.map(place).toSorted((left, right) => left - right));

    const pick = (rows: Array<Record<string, string>>) => rows.map((row) => Object.fromEntries(quality.map((column) => [column, row[column]])));
    const singleSummary = pick(await readCsv(join(workspace.path, 'single', 'summary.csv')));
    expect(singleSummary.map((row) => [row.target, row.requests, row.pass_rate])).toEqual([['right', '40', '1'], ['book', '40', '0.7']]);
    expect(pick(await readCsv(join(workspace.path, 'merged', 'summary.csv')))).toEqual(singleSummary);

    const [one, all] = [await manifest('single'), await manifest('merged')];
    expect(all.status).toBe('completed');
    expect(all.identity).toEqual(one.identity);
    expect(all.configHash).toBe(one.configHash);
    expect(all.results).toEqual(one.results);
    expect(all.shard).toBeUndefined();
    expect(all.settings.shard).toBeUndefined();
    expect(all.shards?.map((shard) => [shard.index, shard.folder])).toEqual([1, 2, 3].map((index) => [index, join(workspace.path, `shard-${index}`)]));
    expect((await manifest('shard-1')).configHash).not.toBe(one.configHash);
    const report = await readFile(join(workspace.path, 'merged', 'report.md'), 'utf8');
    expect(report).toContain('right');
  });

  it('keeps a resumed shard that shard: another --shard on the resume is refused, nothing sent', async () => {
    const sent = server.requests().length;
    const resumed = await runCli(['run', '--resume', 'shard-2', '--shard', '1/3'], { cwd: workspace.path, timeoutMs: 240_000 });
    expect(resumed.exitCode).toBe(2);
    expect(resumed.stderr).toContain('shard changed since the run started');
    expect(server.requests().length).toBe(sent);
  });
});
