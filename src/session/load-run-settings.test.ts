import { describe, expect, it } from 'vitest';
import { InputError } from '../config/errors.ts';
import { fileNames, flagNames } from '../config/settings/setting-names.ts';
import { loadRunSettings } from './load-run-settings.ts';

const now = Date.UTC(2026, 11, 7, 14);
const base = { burstiness: 1, seed: 7 };
const check = (settings: Parameters<typeof loadRunSettings>[0], resumed = false) => loadRunSettings(settings, flagNames, { resumed, wallNowMs: now });
const messageOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
};

describe('loadRunSettings', () => {
  it('gives the runner the process, the seed, the burstiness of gamma, the ramp-up, and the shift of a resume', () => {
    expect(check({ ...base, rate: 5 })).toEqual({ arrival: { process: 'constant', seed: 7 } });
    expect(check({ ...base, rate: 5, arrival: 'Poisson' })).toEqual({ arrival: { process: 'poisson', seed: 7 } });
    expect(check({ ...base, burstiness: 0.5, rate: 5, arrival: 'gamma', rampUpSeconds: 30 }, true)).toEqual({
      arrival: { process: 'gamma', seed: 7, burstiness: 0.5, rampUpSeconds: 30, shiftToFirst: true },
    });
    // Closed loop: no arrival process.
    expect(check({ ...base })).toEqual({});
    // A sweep of rates sets the rate per step.
    expect(check({ ...base, sweep: 'rate=1,2', arrival: 'poisson' })).toEqual({ arrival: { process: 'poisson', seed: 7 } });
  });

  it('refuses an unknown --arrival, and --arrival or --ramp-up without a rate, naming the flag', () => {
    expect(messageOf(() => check({ ...base, rate: 5, arrival: 'burst' }))).toBe('Expected --arrival to be one of constant, poisson, gamma, got "burst"');
    expect(messageOf(() => check({ ...base, arrival: 'poisson' }))).toMatch(/^--arrival sets open-loop arrivals, which need a rate: add --rate/);
    expect(messageOf(() => check({ ...base, rampUpSeconds: 10 }))).toMatch(/^--ramp-up sets open-loop arrivals/);
  });

  it('names the eval file’s key and line when the setting came from the file', () => {
    const names = fileNames('llm-bench.yaml', (path) => (path.join('.') === 'load.arrival' ? 12 : undefined), new Set(['arrival'] as const));
    expect(messageOf(() => loadRunSettings({ ...base, rate: 1, arrival: 'x' }, names, { resumed: false, wallNowMs: now }))).toBe(
      'Expected llm-bench.yaml:12: load.arrival to be one of constant, poisson, gamma, got "x"',
    );
  });

  it('reads --start-at as an ISO 8601 instant with its zone, at most 24 h ahead; one already past is for the runner to start at once', () => {
    expect(check({ ...base, rate: 1, startAt: '2026-12-07T15:00:00Z' }).startAtMs).toBe(Date.UTC(2026, 11, 7, 15));
    expect(check({ ...base, rate: 1, startAt: '2026-12-07T16:30:00.5+01:00' }).startAtMs).toBe(Date.UTC(2026, 11, 7, 15, 30, 0, 500));
    expect(check({ ...base, startAt: '2026-12-07T13:00:00Z' }).startAtMs).toBe(Date.UTC(2026, 11, 7, 13));
    for (const bad of ['tomorrow', '2026-12-07 15:00', '2026-12-07T15:00:00', '1765119600000']) {
      expect(messageOf(() => check({ ...base, rate: 1, startAt: bad }))).toBe(`Expected --start-at to be an ISO 8601 time with its zone, such as 2026-12-07T15:00:00Z, got ${JSON.stringify(bad)}`);
    }
    expect(messageOf(() => check({ ...base, rate: 1, startAt: '2026-12-08T14:00:01Z' }))).toMatch(/^--start-at 2026-12-08T14:00:01Z is more than 24 hours ahead/);
  });
});
