import { describe, expect, it } from 'vitest';
import { validateRunOptions, withResumedSettings } from './run-options.ts';

describe('run options', () => {
  it('applies the documented defaults to flags left out', () => {
    expect(validateRunOptions({ dataset: 'd.jsonl', target: ['openai:gpt-4o-mini'] })).toMatchObject({
      concurrency: 4, warmup: 1, retries: 3, timeoutMs: 60_000, stallTimeoutMs: 30_000, drainSeconds: 30, maxErrorRate: 0.5,
    });
  });

  it('--resume keeps the recorded budget, prices, retries and timeouts unless given again', () => {
    const recorded = { maxCost: 2, maxTokens: 100, prices: 'my-prices.yaml', retries: 5, timeoutMs: 9000, concurrency: 8, cacheDir: '.cache' };
    const options = validateRunOptions(withResumedSettings({ resume: 'reports/x', target: [], retries: 1 }, recorded));
    expect(options).toMatchObject({ maxCost: 2, maxTokens: 100, prices: 'my-prices.yaml', retries: 1, timeoutMs: 9000, concurrency: 8, cacheDir: '.cache' });
  });

  it('--resume with another --concurrency is followed by the per-target bound that was never given', () => {
    const first = validateRunOptions({ dataset: 'd.jsonl', target: ['t'], concurrency: 4 });
    expect(first.targetConcurrency).toBeUndefined();
    const { target: _target, dataset: _dataset, ...recorded } = first;
    expect(validateRunOptions(withResumedSettings({ resume: 'reports/x', target: [], concurrency: 16 }, recorded)).targetConcurrency).toBeUndefined();
  });

  it('turns the cache on when a --cache-dir is given, unless --no-cache says otherwise', () => {
    const base = { dataset: 'd.jsonl', target: ['t'] };
    expect(validateRunOptions(base).cacheDir).toBeUndefined();
    expect(validateRunOptions({ ...base, cache: true }).cacheDir).toBe('.llm-bench-cache');
    expect(validateRunOptions({ ...base, cacheDir: 'my-cache' }).cacheDir).toBe('my-cache');
    expect(validateRunOptions({ ...base, cacheDir: 'my-cache', cache: false }).cacheDir).toBeUndefined();
  });
});
