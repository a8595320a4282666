import { describe, expect, it } from 'vitest';
import { withDefaults } from './eval-settings.ts';
import { ignoredFlags, ignoredInRun } from '../../session/ignored-flags.ts';
import { fileNames, flagNames, keyNames } from './setting-names.ts';

describe('settings named by where they were given', () => {
  const lines: Record<string, number> = { 'run.cache': 9, 'run.cacheDir': 10, 'run.repeats': 5 };
  const names = fileNames('llm-bench.yaml', (path) => lines[path.join('.')], new Set(['cache', 'cacheDir', 'repeats'] as const), new Set(['concurrency'] as const));

  it('names a flag as a flag, a file setting by its key with its line leading, an API setting by its key', () => {
    expect([flagNames.place('maxCost'), keyNames.place('maxCost'), names.place('repeats'), names.name('repeats'), names.place('concurrency'), names.name('maxTokens')]).toEqual([
      '--max-cost',
      'budget.maxCost',
      'llm-bench.yaml:5: run.repeats',
      'run.repeats',
      '--concurrency',
      'run.maxTokens',
    ]);
  });

  it('words the notes about idle settings by their source', () => {
    const settings = withDefaults({ cache: true, repeats: 2, cacheDir: 'c' });
    expect(ignoredInRun(settings, { repeats: 2, targetCount: 2, promptCount: 1, cases: [] }, names)).toEqual([
      'llm-bench.yaml:9: run.cache is ignored with run.repeats 2: every repeat is sent, since repeats are there to be measured.',
    ]);
    expect(ignoredFlags({ cacheDir: 'c', cache: false }, withDefaults({ cacheDir: 'c', cache: false }), {}, names)).toEqual([
      'llm-bench.yaml:10: run.cacheDir c is ignored: run.cache false turns the cache off.',
    ]);
    expect(ignoredFlags({ cacheDir: 'c', cache: false }, withDefaults({ cacheDir: 'c', cache: false }))).toEqual(['--cache-dir c is ignored: --no-cache turns the cache off.']);
  });
});
