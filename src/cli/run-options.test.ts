import { describe, expect, it } from 'vitest';
import { InputError } from '../config/errors.ts';
import { validateRunOptions, withResumedSettings, type ParsedRunFlags } from './run-options.ts';

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

  describe('refuses every number no run could use, naming the flag, the value and the allowed range', () => {
    const base = { dataset: 'd.jsonl', target: ['t'] };
    const refusal = (flags: ParsedRunFlags): string => {
      try {
        validateRunOptions({ ...base, ...flags });
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as Error).message;
      }
      throw new Error(`accepted ${JSON.stringify(flags)}`);
    };

    it.each([
      // Timers: over 2^31-1 ms Node fires them after 1 ms, which failed every request at once.
      [{ timeoutMs: 99_999_999_999 }, 'Expected --timeout-ms to be an integer from 1 to 86400000 ms (24 h), got `99999999999`'],
      [{ stallTimeoutMs: 99_999_999_999 }, 'Expected --stall-timeout-ms to be an integer from 1 to 86400000 ms (24 h), got `99999999999`'],
      [{ timeoutMs: 2_147_483_648 }, 'Expected --timeout-ms to be an integer from 1 to 86400000 ms (24 h), got `2147483648`'],
      [{ timeoutMs: Number.NaN }, 'Expected --timeout-ms to be an integer from 1 to 86400000 ms (24 h), got `NaN`'],
      [{ stallTimeoutMs: 0 }, 'Expected --stall-timeout-ms to be an integer from 1 to 86400000 ms (24 h), got `0`'],
      [{ timeoutMs: 1.5 }, 'Expected --timeout-ms to be an integer from 1 to 86400000 ms (24 h), got `1.5`'],
      [{ drainSeconds: 1e12 }, 'Expected --drain-seconds to be an integer from 0 to 86400 seconds (24 h), got `1000000000000`'],
      [{ drainSeconds: -1 }, 'Expected --drain-seconds to be an integer from 0 to 86400 seconds (24 h), got `-1`'],
      // A rate whose interval overflows a timer, and rates that are no rate at all.
      [{ rate: 1e-300 }, 'Expected --rate to be a number from 0.001 to 10000 requests per second, got `1e-300`'],
      [{ rate: Infinity }, 'Expected --rate to be a number from 0.001 to 10000 requests per second, got `Infinity`'],
      [{ rate: 1e308 }, 'Expected --rate to be a number from 0.001 to 10000 requests per second, got `1e+308`'],
      [{ rate: -1 }, 'Expected --rate to be a number from 0.001 to 10000 requests per second, got `-1`'],
      // Counts: a plan, a socket or a retry each.
      [{ repeats: 1_000_000_000 }, 'Expected --repeats to be an integer from 1 to 100000, got `1000000000`'],
      [{ repeats: 2.5 }, 'Expected --repeats to be an integer from 1 to 100000, got `2.5`'],
      [{ concurrency: 1e9 }, 'Expected --concurrency to be an integer from 1 to 10000, got `1000000000`'],
      [{ targetConcurrency: 0 }, 'Expected --target-concurrency to be an integer from 1 to 10000, got `0`'],
      [{ warmup: Infinity }, 'Expected --warmup to be an integer from 0 to 1000, got `Infinity`'],
      [{ retries: 1e6 }, 'Expected --retries to be an integer from 0 to 100, got `1000000`'],
      [{ maxTokens: 1e10 }, 'Expected --max-tokens to be an integer from 1 to 1000000, got `10000000000`'],
      [{ temperature: Number.NaN }, 'Expected --temperature to be a number from 0 to 2, got `NaN`'],
      // Budgets and shares.
      [{ maxCost: Infinity, maxTokens: 100 }, 'Expected --max-cost to be a number above 0 and at most 1000000 USD, got `Infinity`'],
      [{ maxCost: 0, maxTokens: 100 }, 'Expected --max-cost to be a number above 0 and at most 1000000 USD, got `0`'],
      [{ maxErrorRate: Number.NaN }, 'Expected --max-error-rate to be a number from 0 to 1, got `NaN`'],
      [{ minPassRate: 75 }, 'Expected --min-pass-rate to be a number from 0 to 1, got `75`'],
    ] as Array<[ParsedRunFlags, string]>)('%o', (flags, message) => {
      expect(refusal(flags)).toContain(message);
    });

    it('takes values at the edges of each range, written as yargs reads hex and exponents', () => {
      expect(() =>
        validateRunOptions({
          ...base, timeoutMs: 86_400_000, stallTimeoutMs: 1, drainSeconds: 86_400, rate: 0.001, repeats: 1e5, concurrency: 0x10,
          targetConcurrency: 10_000, warmup: 0, retries: 100, maxTokens: 1e6, maxCost: 1e6, temperature: 2, maxErrorRate: 1, minPassRate: 0,
        }),
      ).not.toThrow();
      expect(() => validateRunOptions({ ...base, rate: 10_000 })).not.toThrow();
    });

    it('checks settings a resumed run takes from a run.json someone edited', () => {
      expect(() => validateRunOptions(withResumedSettings({ resume: 'reports/x', target: [] }, { timeoutMs: 1e15 }))).toThrow(
        'Expected --timeout-ms to be an integer from 1 to 86400000 ms (24 h), got `1000000000000000`',
      );
      const edited = { concurrency: '8' } as unknown as Parameters<typeof withResumedSettings>[1];
      expect(() => validateRunOptions(withResumedSettings({ resume: 'reports/x', target: [] }, edited))).toThrow(
        'Expected --concurrency to be an integer from 1 to 10000, got `"8"`',
      );
    });

    it('reports every bad number at once', () => {
      const message = refusal({ timeoutMs: -1, rate: 0, repeats: 0 });
      expect(message.split('\n')).toHaveLength(3);
    });
  });
});
