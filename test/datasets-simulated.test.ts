import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorKnowledge, unknownCasesLines } from '../src/session/simulator-cases.ts';
import { loadDataset } from '../src/datasets/index.ts';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { makeWorkspace, readCsv } from './support/run-folder.ts';
import { datasetsFolder, shippedDatasets } from './support/shipped-datasets.ts';

const datasetFiles = [...shippedDatasets.map((name) => `${name}.jsonl`), 'smoke.jsonl', 'capabilities.yaml'];

/**
 * What `demo` and `mock` know of every shipped dataset, run end to end through the real CLI and
 * the real openai-compatible package: a simulated model that is always right passes every case
 * (llm-judge cases graded by the simulated judge), one that is always wrong fails every case, and
 * no case is left to an echo. So a simulated model's accuracy is what its pass rate shows.
 */
describe.each(datasetFiles)('the simulator on %s', (file) => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let lines: string[];
  beforeAll(async () => {
    const dataset = await loadDataset(path.join(datasetsFolder, file));
    const knowledge = await simulatorKnowledge([dataset]);
    lines = unknownCasesLines(knowledge, dataset.cases);
    const model = { ttftMs: 5, tokensPerSecond: 5000, tokensPerChunk: 8, contextWindow: 200_000 };
    server = await startMockServer({
      profiles: constantMockProfiles(
        { ...model, id: 'always-right', answer: { policy: 'oracle', accuracy: 1 } },
        { ...model, id: 'always-wrong', answer: { policy: 'oracle', accuracy: 0 } },
      ),
      cases: knowledge.cases,
    });
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  it('knows every case, and answers each right or wrong as the model profile says', async () => {
    expect(lines).toEqual([]);
    const out = path.join(workspace.path, 'run');
    const result = await runCli([
      'run', '--dataset', path.join(datasetsFolder, file),
      '--target', `right=openai-compatible:always-right@${server.url}/v1`,
      '--target', `wrong=openai-compatible:always-wrong@${server.url}/v1`,
      '--judge', `openai-compatible:always-right@${server.url}/v1`,
      '--concurrency', '8', '--warmup', '0', '--max-error-rate', '1', '--out', out,
    ]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const rows = await readCsv(path.join(out, 'results.csv'));
    const cases = (await loadDataset(path.join(datasetsFolder, file))).cases.length;
    expect(rows).toHaveLength(2 * cases);
    const failedRight = rows.filter((row) => row.target === 'right' && row.passed !== 'true');
    const passedWrong = rows.filter((row) => row.target === 'wrong' && row.passed !== 'false');
    expect(failedRight.map((row) => `${row.case_id}: ${row.status} ${row.score_reason}`)).toEqual([]);
    expect(passedWrong.map((row) => `${row.case_id}: ${row.status} ${row.output}`)).toEqual([]);
  });
});
