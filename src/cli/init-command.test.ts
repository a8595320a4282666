import { describe, expect, it } from 'vitest';
import { runSettings } from '../config/settings/run-settings.ts';
import { starterEval } from './starter-eval.ts';

describe('the starter eval', () => {
  it('points editors at the shipped schema on its first line', () => {
    expect(starterEval.split('\n')[0]).toBe('# yaml-language-server: $schema=node_modules/llm-bench/schema/llm-bench.schema.json');
  });

  it('names only flags that exist, each beside the setting it sets', () => {
    const byKey = new Map<string, string | undefined>(Object.values(runSettings).map((setting) => [setting.path.at(-1) as string, setting.flag]));
    const named = [...starterEval.matchAll(/^#?\s*#?\s*(\w+): [^#\n]*# .*\(--([\w-]+)/gm)];
    expect(named.length).toBeGreaterThanOrEqual(10);
    for (const [, key, flag] of named) expect(`${key} (--${flag})`).toBe(`${key} (--${byKey.get(key ?? '')})`);
  });
});
