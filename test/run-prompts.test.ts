import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readCsv } from './support/run-folder.ts';

describe('comparing two prompt versions on the same cases (--prompt)', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  beforeAll(async () => {
    // Echo: the answer is the prompt the server received, so the test sees what each variant sent.
    server = await startMockServer({ profiles: constantMockProfiles({ id: 'echo', ttftMs: 20, answer: { policy: 'echo' } }) });
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  it('sends every variant to every target and reports each (target, prompt) pair apart', async () => {
    const dataset = await workspace.write(
      'cases.jsonl',
      jsonl([
        { id: 'fr', prompt: 'capital of France', vars: { country: 'France' }, assert: [{ type: 'icontains', value: 'terse' }] },
        { id: 'de', prompt: 'capital of Germany', vars: { country: 'Germany' }, assert: [{ type: 'icontains', value: 'terse' }] },
      ]),
    );
    const terse = await workspace.write('terse.yaml', 'label: terse\nprompt: "Be terse. {{prompt}}"\n');
    const polite = await workspace.write('polite.txt', 'Please answer kindly: what is the capital of {{country}}?');
    const folder = join(workspace.path, 'run');
    const result = await runCli([
      'run', '--dataset', dataset, '--target', `a=openai-compatible:echo@${server.url}/v1`, '--target', `b=openai-compatible:echo@${server.url}/v1`,
      '--prompt', terse, '--prompt', polite, '--warmup', '0', '--out', folder,
    ]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const rows = await readCsv(join(folder, 'results.csv'));
    expect(rows.filter((row) => row.target === 'a').map((row) => `${row.prompt} ${row.case_id} ${row.output}`).sort()).toEqual([
      'polite de Please answer kindly: what is the capital of Germany?',
      'polite fr Please answer kindly: what is the capital of France?',
      'terse de Be terse. capital of Germany',
      'terse fr Be terse. capital of France',
    ]);
    const summary = await readCsv(join(folder, 'summary.csv'));
    // Variant by variant, each with every target, as the run sent them.
    expect(summary.map((row) => [row.prompt, row.target, row.pass_rate])).toEqual([
      ['terse', 'a', '1'],
      ['terse', 'b', '1'],
      ['polite', 'a', '0'],
      ['polite', 'b', '0'],
    ]);
    expect(result.stdout).toMatch(/│ prompt\s+│/);
    // `report` rebuilds the same summary, rows in the same order.
    const rebuilt = await runCli(['report', folder]);
    expect(rebuilt.exitCode).toBe(0);
    expect(await readCsv(join(folder, 'summary.csv'))).toEqual(summary);
  });

  it('refuses a variant with a template variable a case cannot fill, naming the file and line, before sending', async () => {
    const dataset = await workspace.write('plain.jsonl', jsonl([{ id: 'x', prompt: 'hello' }]));
    const broken = await workspace.write('broken.txt', 'line one\nAsk about {{city}}');
    const before = server.requests().length;
    const result = await runCli(['run', '--dataset', dataset, '--target', `openai-compatible:echo@${server.url}/v1`, '--prompt', broken]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${broken}:2:`);
    expect(result.stderr).toContain('"city"');
    expect(server.requests().length).toBe(before);
  });
});
