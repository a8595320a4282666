import { describe, expect, it } from 'vitest';
import { evalDefinitionSchema } from '../eval-definition.ts';
import { definitionOfSettings, mergeSettings, settingsOfDefinition, withDefaults } from './eval-settings.ts';

describe('eval settings: one flat name per setting, whichever section of the file holds it', () => {
  const definition = {
    description: 'nightly',
    datasets: 'evals/qa.jsonl',
    targets: ['openai:gpt-4o-mini', { target: 'openai/gpt-4o', label: 'big', temperature: 0 }],
    run: { concurrency: 8, repeats: 3 },
    budget: { maxCost: 2 },
    gates: { minPassRate: 0.9 },
    reporters: ['summary-csv', ['report-html', { fileName: 'index.html' }]] as Array<string | [string, Record<string, unknown>]>,
  };

  it('reads each setting from its declared place, and writes it back there', () => {
    const given = settingsOfDefinition(definition);
    expect(given).toMatchObject({ datasets: ['evals/qa.jsonl'], concurrency: 8, repeats: 3, maxCost: 2, minPassRate: 0.9, description: 'nightly' });
    const written = definitionOfSettings(given);
    expect(written).toEqual({ ...definition, datasets: ['evals/qa.jsonl'] });
    expect(evalDefinitionSchema.safeParse(written).success).toBe(true);
  });

  it('lets a later source win setting by setting, and fills the declared defaults', () => {
    const settings = withDefaults(mergeSettings(settingsOfDefinition(definition), { concurrency: 2, maxTokens: 100 }));
    expect(settings).toMatchObject({ concurrency: 2, repeats: 3, maxTokens: 100, warmup: 1, retries: 3, timeoutMs: 60_000, cache: false, seed: 1 });
    expect(settings.targets).toEqual([{ target: 'openai:gpt-4o-mini' }, { target: 'openai/gpt-4o', label: 'big', temperature: 0 }]);
    expect(definitionOfSettings(settings).targets).toEqual(['openai:gpt-4o-mini', { target: 'openai/gpt-4o', label: 'big', temperature: 0 }]);
  });

  it('turns the cache on when a cache folder is named, unless the cache is turned off outright', () => {
    expect(withDefaults({ cacheDir: 'c' }).cache).toBe(true);
    expect(withDefaults({ cacheDir: 'c', cache: false }).cache).toBe(false);
    expect(withDefaults({}).cache).toBe(false);
  });
});
