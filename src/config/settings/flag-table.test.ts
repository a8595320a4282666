import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { settingsTable, withSettingsTable } from './flag-table.ts';

describe("README's table of settings", () => {
  it('is the one the declarations give (run `npm run schemas` after changing a setting)', async () => {
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme, 'README differs from the declarations: run `npm run schemas`').toBe(withSettingsTable(readme));
    expect(readme).toContain('| `--max-cost` | `budget.maxCost` |');
  });

  it('names each setting with its flag, its file key, its range and its default', () => {
    const rows = settingsTable().split('\n');
    expect(rows).toContain('| `--timeout-ms` | `run.timeoutMs` | Bound on one request, ms | an integer from 1 to 86400000 ms (24 h) | 60000 | kept |');
    expect(rows).toContain('| `--dataset` `-d` | `datasets` | Dataset file (.jsonl, .csv or .yaml) or glob; repeat for several | one or more |  | fixed |');
  });
});
