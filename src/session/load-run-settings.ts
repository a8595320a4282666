import { InputError } from '../config/errors.ts';
import type { EvalSettings } from '../config/settings/eval-settings.ts';
import type { SettingNames } from '../config/settings/setting-names.ts';
import { arrivalProcesses, type ArrivalProcess } from '../runner/arrival-schedule.ts';
import type { ArrivalSettings } from '../runner/planned-arrivals.ts';
import { maxStartAheadMs } from '../runner/schedule-zero.ts';

type LoadSettings = Pick<EvalSettings, 'rate' | 'arrival' | 'burstiness' | 'rampUpSeconds' | 'seed' | 'startAt' | 'sweep'>;

/** What the runner gets of the open-loop settings: the arrival process, and the schedule's start. */
export type LoadRunSettings = { arrival?: ArrivalSettings; startAtMs?: number };

// ISO 8601 with a date, a time and a zone: a time without one would mean another instant on each
// shard's machine.
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Checks --arrival, --ramp-up and --start-at, and gives the runner's arrival settings. --arrival
 * and --ramp-up need a rate (--rate, or a sweep's rate steps); --start-at must be an ISO 8601
 * instant at most 24 h ahead (one already past starts at once, with a notice from the runner).
 */
export function loadRunSettings(settings: LoadSettings, names: SettingNames, context: { resumed: boolean; wallNowMs: number }): LoadRunSettings {
  const process = arrivalProcessOf(settings.arrival, names);
  const rated = settings.rate !== undefined || settings.sweep !== undefined;
  for (const setting of ['arrival', 'rampUpSeconds'] as const) {
    if (settings[setting] !== undefined && !rated) {
      throw new InputError(`${names.place(setting)} sets open-loop arrivals, which need a rate: add ${names.name('rate')} (requests per second), or a ${names.name('sweep')} of rates`);
    }
  }
  const startAtMs = startAtOf(settings.startAt, names, context.wallNowMs);
  const arrival: ArrivalSettings | undefined = rated
    ? {
        process: process ?? 'constant',
        seed: settings.seed,
        ...(process === 'gamma' ? { burstiness: settings.burstiness } : {}),
        ...(settings.rampUpSeconds !== undefined ? { rampUpSeconds: settings.rampUpSeconds } : {}),
        ...(context.resumed ? { shiftToFirst: true } : {}),
      }
    : undefined;
  return { ...(arrival ? { arrival } : {}), ...(startAtMs !== undefined ? { startAtMs } : {}) };
}

function arrivalProcessOf(value: string | undefined, names: SettingNames): ArrivalProcess | undefined {
  if (value === undefined) return undefined;
  const process = arrivalProcesses.find((known) => known === value.trim().toLowerCase());
  if (!process) throw new InputError(`Expected ${names.place('arrival')} to be one of ${arrivalProcesses.join(', ')}, got ${JSON.stringify(value)}`);
  return process;
}

function startAtOf(value: string | undefined, names: SettingNames, wallNowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const at = isoInstant.test(value.trim()) ? Date.parse(value.trim()) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new InputError(`Expected ${names.place('startAt')} to be an ISO 8601 time with its zone, such as 2026-12-07T15:00:00Z, got ${JSON.stringify(value)}`);
  }
  if (at - wallNowMs > maxStartAheadMs) {
    throw new InputError(`${names.place('startAt')} ${value} is more than 24 hours ahead (${((at - wallNowMs) / 3_600_000).toFixed(1)} h): at most 24 h is allowed`);
  }
  return at;
}
