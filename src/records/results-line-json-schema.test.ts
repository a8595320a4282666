import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptRecord } from './attempt-record.ts';
import { attemptRecordVersion } from './attempt-record.ts';
import { readResults } from './read-results.ts';
import { resultsLineJsonSchema } from './results-line-json-schema.ts';
import { ResultsFile } from './results-file.ts';

const shippedPath = new URL('../../schema/results-line.schema.json', import.meta.url);

/** Records as a run writes them: an answer with tool calls and a judge's score, a failure, a cached answer. */
const records: AttemptRecord[] = [
  {
    dataset: 'qa/smoke',
    caseId: 'capital-of-france',
    target: 'openai:gpt-4o-mini',
    prompt: 'default',
    repeat: 1,
    attempt: 1,
    final: true,
    status: 'ok',
    startedAt: '2026-12-07T05:41:31.000Z',
    timing: { ttftMs: 212.5, firstOutputMs: 212.5, headersMs: 180, e2eMs: 940, outputTps: 41.2, interChunkMeanMs: 24, interChunkP50Ms: 22, interChunkP99Ms: 61, chunkCount: 30 },
    usage: { inputTokens: 41, outputTokens: 30, cachedInputTokens: 0, reasoningTokens: 0, estimated: false },
    costUsd: 0.0000241,
    costSource: 'price-table',
    finishReason: 'tool-calls',
    servedBy: 'openai',
    httpStatus: 200,
    output: 'Paris. <script>alert(1)</script>',
    toolCalls: [{ name: 'lookup', arguments: { city: 'Paris', limits: [1, 2] } }],
    warnings: ['temperature is not supported by this model'],
    score: { score: 0.5, passed: false, reason: 'judge: half right', judge: { inputTokens: 320, outputTokens: 12, costUsd: 0.00005 } },
  },
  {
    caseId: 'capital-of-france',
    target: 'anthropic:claude-haiku',
    prompt: 'terse',
    repeat: 2,
    attempt: 3,
    final: true,
    status: 'error',
    startedAt: '2026-12-07T05:41:32.000Z',
    timing: { headersMs: 95 },
    usage: { estimated: true, inputTokens: 41 },
    httpStatus: 429,
    output: '',
    error: { type: 'rate_limited', message: 'Too many requests', httpStatus: 429, retryAfterMs: 2000 },
  },
  {
    dataset: 'smoke',
    caseId: 'unjudged',
    target: 'openai:gpt-4o-mini',
    prompt: 'default',
    repeat: 1,
    attempt: 1,
    final: true,
    status: 'ok',
    cached: true,
    startedAt: '2026-12-07T05:41:33.000Z',
    timing: {},
    usage: { estimated: false, outputTokens: 3 },
    costUsd: 0,
    costSource: 'cache',
    output: 'yes',
    score: { score: 0, passed: false, reason: 'no judge', unscored: true },
  },
];

describe('the results.jsonl line schema', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'results-line-schema-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  // Ajv's defaults, as a user would compile it: unknown keywords are refused.
  const validator = () => new Ajv2020({ allErrors: true }).compile(resultsLineJsonSchema());

  /** Lines as ResultsFile writes them. */
  const writtenLines = async (values: readonly unknown[]): Promise<{ path: string; lines: string[] }> => {
    const path = join(folder, 'results.jsonl');
    const file = await ResultsFile.open(path);
    for (const value of values) await file.append(value as AttemptRecord);
    await file.close();
    return { path, lines: (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '') };
  };

  it('is shipped as schema/results-line.schema.json, as the code builds it', async () => {
    const shipped: unknown = JSON.parse(await readFile(shippedPath, 'utf8'));
    expect(
      shipped,
      'schema/results-line.schema.json is out of date: regenerate it with `node scripts/write-schemas.ts` and commit it',
    ).toEqual(resultsLineJsonSchema());
  });

  it('names its version', () => {
    expect(resultsLineJsonSchema()).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `urn:llm-bench:results-line:v${attemptRecordVersion}`,
      title: expect.stringContaining(`version ${attemptRecordVersion}`),
    });
  });

  it("accepts the lines a run writes, as llm-bench's own reader does", async () => {
    const validate = validator();
    const { path, lines } = await writtenLines(records);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(validate(JSON.parse(line)), JSON.stringify(validate.errors)).toBe(true);
    expect((await readResults(path)).records).toEqual(records);
  });

  it('accepts fields a later llm-bench may add, as the reader keeps them', async () => {
    const validate = validator();
    const later = { ...records[0], addedLater: { anything: 1 }, timing: { ...records[0]?.timing, queueMs: 3 } };
    const { path, lines } = await writtenLines([later]);
    expect(validate(JSON.parse(lines[0] ?? '')), JSON.stringify(validate.errors)).toBe(true);
    expect((await readResults(path)).records).toEqual([later]);
  });

  it('refuses a line with a known field of the wrong type, as the reader does', async () => {
    const validate = validator();
    const [answer, failure] = records as [AttemptRecord, AttemptRecord];
    const { error: _error, ...failureWithoutError } = failure as Extract<AttemptRecord, { status: 'error' }>;
    const wrong: Array<[string, unknown, string]> = [
      ['a timing as text', { ...answer, timing: { ttftMs: '212' } }, 'timing.ttftMs'],
      ['a failure without its error', failureWithoutError, 'error'],
      ['an unknown status', { ...answer, status: 'maybe' }, 'status'],
      ['an unknown error type', { ...failure, error: { type: 'boom', message: 'x' } }, 'error.type'],
      ['a verdict as text', { ...answer, score: { score: 1, passed: 'yes', reason: '' } }, 'score.passed'],
      ['a judge cost as text', { ...answer, score: { score: 1, passed: true, reason: '', judge: { costUsd: '0.1' } } }, 'score.judge.costUsd'],
      ['a fractional repeat', { ...answer, repeat: 1.5 }, 'repeat'],
      ['a dataset as a number', { ...answer, dataset: 7 }, 'dataset'],
      ['usage without estimated', { ...answer, usage: { inputTokens: 3 } }, 'usage.estimated'],
    ];
    for (const [what, value, field] of wrong) {
      expect(validate(value), `the JSON Schema accepted ${what}`).toBe(false);
      const pointer = `/${field.replaceAll('.', '/')}`;
      const named = (validate.errors ?? []).map((error) => (error.keyword === 'required' ? `${error.instancePath}/${String(error.params.missingProperty)}` : error.instancePath));
      expect(named, `the JSON Schema's errors for ${what}`).toContain(pointer);
      const { path } = await writtenLines([value]);
      await expect(readResults(path), `the reader accepted ${what}`).rejects.toThrow(`${path}:1: not an llm-bench result record (${field}:`);
      await rm(path);
    }
  });
});
