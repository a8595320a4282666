import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mockCliSession } from './support/mock-cli.ts';

const mock = mockCliSession();
afterEach(() => mock.cleanUp());

describe('llm-bench mock', () => {
  it('--dataset: an oracle model answers the dataset\'s cases with their expected answers', async () => {
    const folder = await mock.folder();
    const profilesPath = join(folder, 'profiles.yaml');
    await writeFile(profilesPath, ['models:', '  - id: knows', '    ttftMs: { p50: 5, p90: 5 }', '    tokensPerSecond: 1000', '    answer: { policy: oracle, accuracy: 1 }'].join('\n'));
    const datasetPath = join(folder, 'cases.jsonl');
    await writeFile(datasetPath, `${JSON.stringify({ id: 'capital', prompt: 'Capital of France? One word.', expected: 'Paris' })}\n`);
    const { url, output } = await mock.start(['--profiles', profilesPath, '--dataset', datasetPath]);
    expect(output.join('\n')).toContain(`Knows 1 cases from ${datasetPath}`);
    const ask = async (content: string) => {
      const body = JSON.stringify({ model: 'knows', messages: [{ role: 'user', content }] });
      const reply = (await (await fetch(`${url}/v1/chat/completions`, { method: 'POST', body })).json()) as { choices: Array<{ message: { content: string } }> };
      return reply.choices[0]?.message.content;
    };
    expect(await ask('Capital of France? One word.')).toBe('Paris');
    // A prompt of no known case is echoed.
    expect(await ask('something else')).toBe('something else');
  });

  it('exits with code 2 for a profile file with problems', async () => {
    const folder = await mock.folder();
    const profilesPath = join(folder, 'bad.yaml');
    await writeFile(profilesPath, 'models: []\n');
    const { code, stderr } = await mock.run(['--profiles', profilesPath]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${profilesPath}:1: models:`);
  });

  it('exits with code 2, not a crash, for a host it cannot listen on', async () => {
    const { code, stderr } = await mock.run(['--host', 'no-such-host.invalid']);
    expect(code).toBe(2);
    expect(stderr).toContain('Cannot listen on no-such-host.invalid:0:');
  });
});
