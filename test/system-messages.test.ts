import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { makeWorkspace, readJsonLines } from './support/run-folder.ts';

type Line = { caseId: string; status: string; error?: { message: string }; output: string };

/** A dataset may put system messages inside a case's conversation: every engine sends them. */
describe('a case whose messages hold a system message', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await workspace.write(
      'cases.jsonl',
      [
        { id: 'first', messages: [{ role: 'system', content: 'Answer in one word.' }, { role: 'user', content: 'What is the capital of France?' }], expected: 'Paris' },
        { id: 'middle', messages: [{ role: 'user', content: 'Hello.' }, { role: 'assistant', content: 'Hi.' }, { role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Name a primary colour.' }] },
      ].map((line) => JSON.stringify(line)).join('\n') + '\n',
    );
  });
  afterAll(() => workspace?.remove());

  it.each(['simulated:openai:gpt-4o-mini', 'simulated:openai/gpt-4o-mini', 'simulated:anthropic:claude-sonnet-4'])('is answered, not refused, through %s', async (target) => {
    const out = `run-${Buffer.from(target).toString('hex')}`;
    const result = await runCli(['run', '-d', 'cases.jsonl', '-t', target, '--warmup', '0', '--out', out], { cwd: workspace.path });
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = await readJsonLines<Line>(join(workspace.path, out, 'results.jsonl'));
    expect(lines.map((line) => [line.caseId, line.status, line.error?.message])).toEqual([
      ['first', 'ok', undefined],
      ['middle', 'ok', undefined],
    ]);
  });
});
