import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { DatasetError } from '../config/errors.ts';
import { defaultPriceTablePath, loadPriceTable, localPriceTablePath } from './price-table.ts';
import { priceFileText } from './price-file-text.ts';

describe('loadPriceTable', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>> | undefined;
  afterEach(async () => workspace?.remove());

  const problemsOf = async (text: string) => {
    workspace = await makeWorkspace();
    const path = await workspace.write('prices.yaml', text);
    try {
      await loadPriceTable(path);
    } catch (error) {
      if (error instanceof DatasetError) return error.problems.map((problem) => problem.replace(path, 'prices.yaml'));
      throw error;
    }
    return [];
  };

  it('loads the shipped table, with GPT-4o mini at $0.15 / $0.60 / $0.075 per million tokens', async () => {
    const table = await loadPriceTable();
    expect(table.get('openai/gpt-4o-mini')).toMatchObject({ input: 0.15, output: 0.6, cached_input: 0.075 });
    for (const row of table.values()) expect(row.source).toBeTruthy();
  });

  it('names the line of the row a field is missing from, and of a bad value', async () => {
    const problems = await problemsOf(
      ['version: 1', 'prices:', '  - model: a/b', '    input: 1', '    output: 2', '    as_of: 2026-11-01', '  - model: c/d', '    input: -1', '    output: 2', '    source: x', '    as_of: 2026-11-01'].join('\n'),
    );
    expect(problems).toEqual([expect.stringMatching(/^prices\.yaml:3: prices\[0\]\.source: /), expect.stringMatching(/^prices\.yaml:8: prices\[1\]\.input: /)]);
  });

  it("reads a file's `updated` and `source`, and refuses an `updated` that is not a time", async () => {
    workspace = await makeWorkspace();
    const file = await workspace.write('dated.yaml', ['version: 1', 'updated: 2026-12-07T17:30:00Z', 'source: https://gateway.example/v4/ai/config', 'prices:', '  - { model: a/b, input: 1, output: 2, source: x, as_of: 2026-12-01 }'].join('\n'));
    const table = await loadPriceTable(file);
    expect(table.origin).toEqual({ path: file, kind: 'named', datedAt: '2026-12-07T17:30:00.000Z', source: 'https://gateway.example/v4/ai/config' });
    expect(await problemsOf(['version: 1', 'updated: last tuesday', 'prices: []'].join('\n'))).toEqual([expect.stringMatching(/^prices\.yaml:2: updated: expected an ISO 8601 time/)]);
  });

  it('dates a table without `updated` by its newest row', async () => {
    const shipped = await loadPriceTable(defaultPriceTablePath);
    const newest = Math.max(...[...shipped.values()].map((row) => Date.parse(row.as_of)));
    expect(shipped.origin?.datedAt).toBe(new Date(newest).toISOString());
  });

  it('reads back what `prices --update` writes, row for row', async () => {
    workspace = await makeWorkspace();
    const rows = [
      { model: 'openai/gpt-4o-mini', input: 0.15, output: 0.6, cached_input: 0.075, source: 'http://127.0.0.1:1/v4/ai/config', as_of: '2026-12-07' },
      { model: 'anthropic/claude-sonnet-4', input: 3, output: 15, source: 'http://127.0.0.1:1/v4/ai/config', as_of: '2026-12-07' },
      { model: "odd/'quoted':#name", input: 0.000001, output: 123456.789, source: 'http://127.0.0.1:1/v4/ai/config', as_of: '2026-12-07' },
    ];
    const file = await workspace.write('fetched.yaml', priceFileText({ updated: '2026-12-07T17:30:18.247Z', source: 'http://127.0.0.1:1/v4/ai/config', rows }));
    const table = await loadPriceTable(file);
    expect([...table.values()]).toEqual([...rows].sort((a, b) => (a.model < b.model ? -1 : 1)));
    expect(table.origin).toMatchObject({ datedAt: '2026-12-07T17:30:18.247Z', source: 'http://127.0.0.1:1/v4/ai/config' });
  });
});

describe('the table a run uses without --prices', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>> | undefined;
  afterEach(async () => workspace?.remove());

  const withLocal = async (updated: string, model = 'local/model') => {
    workspace = await makeWorkspace();
    await mkdir(join(workspace.path, '.llm-bench'));
    await workspace.write('.llm-bench/prices.yaml', priceFileText({ updated, source: 'http://gateway.test/config', rows: [{ model, input: 7, output: 11, source: 'http://gateway.test/config', as_of: updated.slice(0, 10) }] }));
    return workspace.path;
  };

  it('is the shipped table when the working folder has no .llm-bench/prices.yaml', async () => {
    workspace = await makeWorkspace();
    const table = await loadPriceTable(undefined, { cwd: workspace.path });
    expect(table.origin).toMatchObject({ path: defaultPriceTablePath, kind: 'shipped' });
    expect(table.has('openai/gpt-4o-mini')).toBe(true);
  });

  it('is .llm-bench/prices.yaml, the fetched file, when it is newer than the shipped table', async () => {
    const cwd = await withLocal('2099-01-01T00:00:00Z');
    const table = await loadPriceTable(undefined, { cwd });
    expect(table.origin).toMatchObject({ path: localPriceTablePath(cwd), kind: 'local', datedAt: '2099-01-01T00:00:00.000Z' });
    expect([...table.keys()]).toEqual(['local/model']);
  });

  it('is the shipped table again once an upgrade ships newer prices than the fetched file, which it names', async () => {
    const cwd = await withLocal('2001-01-01T00:00:00Z');
    const table = await loadPriceTable(undefined, { cwd });
    expect(table.origin).toMatchObject({ kind: 'shipped', olderLocal: { path: localPriceTablePath(cwd), datedAt: '2001-01-01T00:00:00.000Z' } });
    expect(table.has('local/model')).toBe(false);
  });

  it('is the file --prices names, whatever the working folder holds', async () => {
    const cwd = await withLocal('2099-01-01T00:00:00Z');
    const table = await loadPriceTable(defaultPriceTablePath, { cwd });
    expect(table.origin?.kind).toBe('named');
    expect(table.has('local/model')).toBe(false);
  });

  it('refuses a broken .llm-bench/prices.yaml rather than passing over it', async () => {
    workspace = await makeWorkspace();
    await mkdir(join(workspace.path, '.llm-bench'));
    const file = await workspace.write('.llm-bench/prices.yaml', 'version: 1\nprices:\n  - { model: a/b, input: free, output: 1, source: x, as_of: 2026-12-01 }\n');
    await expect(loadPriceTable(undefined, { cwd: workspace.path })).rejects.toThrow(`${file}:3: prices[0].input`);
  });
});
