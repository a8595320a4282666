import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readResults, scanResults } from './read-results.ts';

/** One results.jsonl line, as a run writes it. */
const line = (caseId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    caseId, target: 't', prompt: 'default', repeat: 1, attempt: 1, final: true, status: 'ok', startedAt: '2026-12-02T00:00:00.000Z',
    output: 'answer', timing: { ttftMs: 120 }, usage: { estimated: false }, ...extra,
  });

describe('readResults', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'read-results-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('drops a torn last line and cuts it from the file, so the next append starts clean', async () => {
    const path = join(folder, 'results.jsonl');
    await writeFile(path, `${line('a')}\n${line('b')}\n{"caseId":"c","out`);
    const { records, droppedTornLine } = await readResults(path);
    expect(records.map((record) => record.caseId)).toEqual(['a', 'b']);
    expect(droppedTornLine).toBe(true);
    expect(await readFile(path, 'utf8')).toBe(`${line('a')}\n${line('b')}\n`);
  });

  it('keeps a file that ends cleanly as it is', async () => {
    const path = join(folder, 'results.jsonl');
    await writeFile(path, `${line('a')}\n`);
    expect(await readResults(path)).toMatchObject({ droppedTornLine: false, records: [{ caseId: 'a' }] });
  });

  it('refuses a damaged line that is not the last, naming file and line', async () => {
    const path = join(folder, 'results.jsonl');
    await writeFile(path, `${line('a')}\n{oops}\n${line('c')}\n`);
    await expect(readResults(path)).rejects.toThrow(`${path}:2:`);
  });

  it('refuses a line that is JSON but not a result record, naming file, line and field', async () => {
    const path = join(folder, 'results.jsonl');
    await writeFile(path, `${line('a')}\n{}\n`);
    await expect(readResults(path)).rejects.toThrow(`${path}:2: not an llm-bench result record (status: expected "ok" or "error")`);
    await writeFile(path, `${line('a')}\n${JSON.stringify({ ...JSON.parse(line('b')), caseId: undefined })}\n`);
    await expect(readResults(path)).rejects.toThrow(`${path}:2: not an llm-bench result record (caseId: required)`);
    await writeFile(path, `${line('a', { status: 'error' })}\n`);
    await expect(readResults(path)).rejects.toThrow(`${path}:1: not an llm-bench result record (error: required)`);
    await writeFile(path, `[]\n`);
    await expect(readResults(path)).rejects.toThrow(`${path}:1: not an llm-bench result record (expected object, got an array)`);
  });

  it('checks the type of every field it knows, nested ones too', async () => {
    const path = join(folder, 'results.jsonl');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ timing: { ttftMs: 'fast' } }, 'timing.ttftMs: expected number, got string "fast"'],
      [{ usage: { inputTokens: 3 } }, 'usage.estimated: required'],
      [{ score: { score: 1, passed: 'yes', reason: '' } }, 'score.passed: expected boolean, got string "yes"'],
      [{ score: { score: 1, passed: true, reason: '', judge: { costUsd: '0.1' } } }, 'score.judge.costUsd: expected number, got string "0.1"'],
      [{ toolCalls: [{ arguments: {} }] }, 'toolCalls[0].name: required'],
      [{ status: 'error', error: { type: 'boom', message: 'x' } }, 'error.type: invalid value: string "boom"'],
      [{ repeat: 0 }, 'repeat: Too small'],
      [{ dataset: 7 }, 'dataset: expected string, got number 7'],
    ];
    for (const [fields, message] of cases) {
      await writeFile(path, `${line('a', fields)}\n`);
      await expect(readResults(path), message).rejects.toThrow(`${path}:1: not an llm-bench result record (${message}`);
    }
  });

  it('reads back an error record and a scored record with their dataset', async () => {
    const path = join(folder, 'results.jsonl');
    const error = { type: 'rate_limited', message: '429', httpStatus: 429, retryAfterMs: 1000 };
    const score = { score: 0, passed: false, reason: 'judge failed', unscored: true, judge: { inputTokens: 10 } };
    await writeFile(path, `${line('a', { dataset: 'qa/smoke', status: 'error', error })}\n${line('b', { dataset: 'smoke', score })}\n`);
    expect((await readResults(path)).records).toMatchObject([
      { caseId: 'a', dataset: 'qa/smoke', status: 'error', error },
      { caseId: 'b', dataset: 'smoke', status: 'ok', score },
    ]);
  });

  it('keeps fields it does not know, as a later llm-bench may add them', async () => {
    const path = join(folder, 'results.jsonl');
    await writeFile(path, `${line('a', { futureField: 3, timing: { ttftMs: 120, futureTiming: 'x' } })}\n`);
    expect((await readResults(path)).records[0]).toMatchObject({ caseId: 'a', futureField: 3, timing: { ttftMs: 120, futureTiming: 'x' } });
  });

  it('reads a missing file as no records', async () => {
    expect(await readResults(join(folder, 'none.jsonl'))).toEqual({ records: [], droppedTornLine: false });
  });

  it('reads a file of many reads a record at a time, lines and multi-byte text split across reads whole', async () => {
    const path = join(folder, 'results.jsonl');
    // About 3 MB: several of the reader's 1 MB reads, most of them ending inside a line and
    // some inside a multi-byte character.
    const outputs = Array.from({ length: 600 }, (_, index) => `${'é€😀'.repeat(500 + index)}#${index}`);
    await writeFile(path, `${outputs.map((output, index) => line(`c${index}`, { output })).join('\n')}\n{"caseId":"torn`);
    const seen: string[] = [];
    const scan = await scanResults(path, (record) => {
      if (record.status === 'ok') seen.push(record.output);
    });
    expect(seen).toEqual(outputs);
    expect(scan).toMatchObject({ records: 600, droppedTornLine: true });
    const text = await readFile(path, 'utf8');
    expect(scan.validLength).toBe(Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
  });

  it('names the line of a damaged record past the first read', async () => {
    const path = join(folder, 'results.jsonl');
    const long = Array.from({ length: 400 }, (_, index) => line(`c${index}`, { output: 'x'.repeat(5000) }));
    await writeFile(path, `${long.join('\n')}\n\n{oops}\n${line('last')}\n`);
    await expect(scanResults(path, () => {})).rejects.toThrow(`${path}:402: not a complete JSON record`);
  });
});
