import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastUserText, loadDataset } from '../src/datasets/index.ts';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { makeWorkspace, readCsv } from './support/run-folder.ts';
import { answerBooksFolder, datasetsFolder, shippedDatasets } from './support/shipped-datasets.ts';

const folder = datasetsFolder;
const books = answerBooksFolder;
const shipped = shippedDatasets;

/**
 * Each shipped dataset, run end to end through the real CLI and the real openai-compatible
 * package (tools, images, structured output and all) against a simulated model that answers
 * from the dataset's answer book: every case must get the verdict the book implies. The judge
 * of llm-judge cases is a simulated model that always approves, so the deterministic checks decide.
 */
describe.each(shipped)('running %s against its answer book', (name) => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  beforeAll(async () => {
    const dataset = await loadDataset(path.join(folder, `${name}.jsonl`));
    server = await startMockServer({
      profiles: constantMockProfiles(
        {
          id: 'book',
          ttftMs: 5,
          tokensPerSecond: 2000,
          tokensPerChunk: 8,
          contextWindow: 200_000,
          answer: { policy: 'book', path: path.join(books, `${name}.answers.jsonl`), fallback: 'fixed', fallbackText: 'NO BOOK ENTRY' },
        },
        { id: 'judge', ttftMs: 5, answer: { policy: 'fixed', text: '{"score": 1, "reason": "approved by the test judge"}' } },
      ),
      cases: dataset.cases.map((testCase) => ({ id: testCase.id, prompt: lastUserText(testCase.messages) })),
    });
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  it('gives every case the verdict its answer book implies', async () => {
    const out = path.join(workspace.path, 'run');
    const result = await runCli([
      'run', '--dataset', path.join(folder, `${name}.jsonl`), '--target', `openai-compatible:book@${server.url}/v1`,
      '--judge', `openai-compatible:judge@${server.url}/v1`, '--concurrency', '8', '--warmup', '0', '--out', out,
    ]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const verdicts = JSON.parse(await readFile(path.join(books, `${name}.verdicts.json`), 'utf8')) as Record<string, boolean>;
    const rows = await readCsv(path.join(out, 'results.csv'));
    expect(rows.every((row) => row.status === 'ok' && row.output !== 'NO BOOK ENTRY')).toBe(true);
    const got = Object.fromEntries(rows.map((row) => [row.case_id, row.passed === 'true']));
    expect(got).toEqual(verdicts);
  });
});
