import { afterEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { DatasetError } from '../config/errors.ts';
import { loadPriceTable } from './price-table.ts';

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
});
