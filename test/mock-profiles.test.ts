import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatasetError } from '../src/config/errors.ts';
import { defaultMockProfiles, loadMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';

let folder: string;
let server: MockServer | undefined;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mock-profiles-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(folder, { recursive: true, force: true });
});

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return (error as DatasetError).problems;
}

describe('mock profiles', () => {
  it('ships mock/default-profiles.yaml equal to defaultMockProfiles', async () => {
    expect(await loadMockProfiles(new URL('../mock/default-profiles.yaml', import.meta.url).pathname)).toEqual(
      defaultMockProfiles,
    );
    expect(defaultMockProfiles.models.map((model) => model.id)).toEqual([
      'gpt-4o-mini',
      'gpt-4o-mini-azure',
      'gpt-4o',
      'claude-sonnet-4',
      'mock-capacity',
    ]);
  });

  it('reads JSON too', async () => {
    const path = join(folder, 'profiles.json');
    await writeFile(path, JSON.stringify({ models: [{ id: 'a', ttftMs: { p50: 1, p90: 1 }, tokensPerSecond: 5 }] }));
    const profiles = await loadMockProfiles(path);
    expect(profiles.models[0]).toMatchObject({ id: 'a', provider: 'mock', tokensPerChunk: 1, answer: { policy: 'echo' } });
  });

  it('names file, line and field in every problem', async () => {
    const path = join(folder, 'bad.yaml');
    await writeFile(
      path,
      ['models:', '  - id: a', '    ttftMs: { p50: 500, p90: 100 }', '    tokensPerSecond: -3', '    answer: { policy: psychic }', ''].join('\n'),
    );
    const problems = await problemsOf(loadMockProfiles(path));
    expect(problems).toContain(`${path}:3: models.0.ttftMs: p90 must be >= p50`);
    expect(problems.some((problem) => problem.startsWith(`${path}:4: models.0.tokensPerSecond:`))).toBe(true);
    expect(problems.some((problem) => problem.startsWith(`${path}:5: models.0.answer.policy:`))).toBe(true);
  });

  it('reports YAML syntax errors and missing files with the path', async () => {
    const path = join(folder, 'broken.yaml');
    await writeFile(path, 'models: [\n  {id: a\n');
    expect((await problemsOf(loadMockProfiles(path)))[0]).toMatch(new RegExp(`^${path}:\\d+: `));
    expect((await problemsOf(loadMockProfiles(join(folder, 'missing.yaml'))))[0]).toContain('missing.yaml');
  });

  it('reports a YAML syntax error at its own line, not line 1', async () => {
    const path = join(folder, 'syntax.yaml');
    await writeFile(path, ['models:', '  - id: a', '    tokensPerSecond: 5', '    description: a: b', '    ttftMs: { p50: 1, p90: 1 }', ''].join('\n'));
    expect(await problemsOf(loadMockProfiles(path))).toEqual([`${path}:4: Nested mappings are not allowed in compact mappings`]);
  });

  it('refuses fault rates that add up to more than 1, at the line of the rates', async () => {
    const path = join(folder, 'rates.yaml');
    await writeFile(
      path,
      ['models:', '  - id: a', '    ttftMs: { p50: 1, p90: 1 }', '    tokensPerSecond: 5', '    faultRates: { rate_limit: 0.6, server_error: 0.5 }', ''].join('\n'),
    );
    expect(await problemsOf(loadMockProfiles(path))).toEqual([
      `${path}:5: models.0.faultRates: fault rates add up to 1.1; they must add up to at most 1 (a request has at most one fault)`,
    ]);
    // Exactly 1 is fine, rounding error included.
    await writeFile(path, ['models:', '  - id: a', '    ttftMs: { p50: 1, p90: 1 }', '    tokensPerSecond: 5', '    faultRates: { rate_limit: 0.1, auth: 0.2, drop: 0.7 }'].join('\n'));
    expect((await loadMockProfiles(path)).models[0]?.faultRates).toEqual({ rate_limit: 0.1, auth: 0.2, drop: 0.7 });
  });

  it('reports a duplicate model id along with the other problems', async () => {
    const path = join(folder, 'duplicate.yaml');
    await writeFile(
      path,
      [
        'models:',
        '  - id: a',
        '    ttftMs: { p50: 1, p90: 1 }',
        '    tokensPerSecond: -3',
        '  - id: a',
        '    ttftMs: { p50: 1, p90: 1 }',
        '    tokensPerSecond: 5',
        '',
      ].join('\n'),
    );
    const problems = await problemsOf(loadMockProfiles(path));
    expect(problems).toContain(`${path}:5: models.1.id: duplicate model id \`a\``);
    expect(problems.some((problem) => problem.startsWith(`${path}:4: models.0.tokensPerSecond:`))).toBe(true);
  });

  it('answers from a JSONL answer book resolved next to the profile file', async () => {
    await writeFile(
      join(folder, 'book.jsonl'),
      [
        JSON.stringify({ match: { caseId: 'capital' }, reply: 'Paris' }),
        JSON.stringify({ match: { regex: 'weather' }, toolCall: { name: 'weather', arguments: { city: 'Oslo' } } }),
      ].join('\n'),
    );
    const path = join(folder, 'profiles.yaml');
    await writeFile(
      path,
      ['models:', '  - id: booked', '    ttftMs: { p50: 1, p90: 1 }', '    tokensPerSecond: 1000', '    answer: { policy: book, path: book.jsonl }'].join('\n'),
    );
    server = await startMockServer({
      profiles: await loadMockProfiles(path),
      cases: [{ id: 'capital', prompt: 'Capital of France?' }],
    });
    const weatherTool = { type: 'function', function: { name: 'weather', parameters: { type: 'object' } } };
    const ask = async (content: string, tools: unknown[] = []) => {
      const response = await fetch(`${server!.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'booked', messages: [{ role: 'user', content }], ...(tools.length ? { tools } : {}) }),
      });
      return (await response.json()).choices[0];
    };
    expect((await ask('Capital of France?')).message.content).toBe('Paris');
    const weather = await ask('What is the weather?', [weatherTool]);
    expect(weather.finish_reason).toBe('tool_calls');
    expect(JSON.parse(weather.message.tool_calls[0].function.arguments)).toEqual({ city: 'Oslo' });
    // Without the tool declared, a line that only calls it falls back to the echo.
    const undeclared = await ask('What is the weather?');
    expect(undeclared).toMatchObject({ finish_reason: 'stop', message: { content: 'What is the weather?' } });
    expect(undeclared.message.tool_calls).toBeUndefined();
    expect((await ask('Something else')).message.content).toBe('Something else');
  });

  it('reports answer book problems by file and line', async () => {
    const book = join(folder, 'book.jsonl');
    await writeFile(book, ['{"match":{"caseId":"a"},"reply":"x"}', '{"match":{}}', 'not json'].join('\n'));
    const profiles = {
      models: [{ ...defaultMockProfiles.models[0]!, answer: { policy: 'book' as const, path: book, fallback: 'echo' as const, fallbackText: '' } }],
    };
    const problems = await problemsOf(startMockServer({ profiles }));
    expect(problems[0]).toMatch(new RegExp(`^${book}:2: `));
    expect(problems.some((problem) => problem.startsWith(`${book}:3: invalid JSON`))).toBe(true);
  });

  it('refuses an answer book outside the profile file\'s folder, at its line, without reading it', async () => {
    const path = join(folder, 'profiles.yaml');
    await writeFile(
      path,
      ['models:', '  - id: a', '    ttftMs: { p50: 5, p90: 5 }', '    tokensPerSecond: 100', '    answer: { policy: book, path: ../../../../etc/passwd }'].join('\n'),
    );
    const problems = await problemsOf(loadMockProfiles(path));
    expect(problems).toEqual([`${path}:5: models[0].answer.path: must be a path inside the profile file's folder, got "../../../../etc/passwd" (no ".." allowed)`]);
    expect(problems.join('\n')).not.toContain('root:');
  });
});
