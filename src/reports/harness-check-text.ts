import type { HarnessCheck } from '../records/harness-check.ts';
import { harnessThresholds } from '../records/harness-thresholds.ts';

/**
 * The harness's check on itself, as every report words it (plain text: each report escapes it
 * for its medium, run.json being a file anyone may edit).
 */

/** What a saturated run tells its reader to do. */
export const harnessAdvice = "These figures may show the harness's own limit (or a busy machine's), not the provider's: lower --concurrency or --rate, make slow custom scorers faster, or split the load with --shard.";

/** What leads the flag, in every report. */
export const harnessSaturatedLabel = 'HARNESS SATURATED';

/**
 * `event-loop delay p99 48 ms > 20 ms; main thread CPU 97% of a core > 90%`: the flag's reasons,
 * as run.json holds them (text to escape); undefined when the run was not saturated.
 */
export function harnessSaturatedReasons(check: HarnessCheck | undefined): string | undefined {
  if (!check?.saturated) return undefined;
  const reasons = Array.isArray(check.reasons) ? check.reasons.map(String) : [];
  return reasons.length > 0 ? reasons.join('; ') : 'see run.json';
}

/** `HARNESS SATURATED: event-loop delay p99 48 ms > 20 ms; …. These figures may …`; undefined when it was not. */
export function harnessSaturatedText(check: HarnessCheck | undefined): string | undefined {
  const reasons = harnessSaturatedReasons(check);
  return reasons === undefined ? undefined : `${harnessSaturatedLabel}: ${reasons}. ${harnessAdvice}`;
}

/**
 * The figures behind the verdict, one line, made of numbers alone (a figure run.json does not
 * hold as a number reads `?`), so no report needs to escape it: `event-loop delay p99 3.1 ms (p50 0.1, max 12) ·
 * main thread CPU 41% of a core · transport worker busy 20% · process CPU 30% of all cores · over 12 s`.
 */
export function harnessFiguresText(check: HarnessCheck): string {
  const delay = check.eventLoopDelayMs ?? { p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  const workers = Array.isArray(check.workerCpu) ? check.workerCpu : [];
  const dispatch = check.dispatch;
  return [
    `event-loop delay p99 ${ms(delay.p99)} ms (p50 ${ms(delay.p50)}, max ${ms(delay.max)})`,
    `main thread CPU ${percent(check.mainThreadCpu)} of a core`,
    ...(workers.length === 0 ? [] : [`${workers.length === 1 ? 'transport worker' : `${workers.length} transport workers`} busy ${workers.map(percent).join(', ')}`]),
    `process CPU ${percent(check.processCpu)} of all cores`,
    ...(dispatch
      ? [`${percent(dispatch.lateShare)} of ${count(dispatch.n)} requests sent more than ${harnessThresholds.lateDispatchMs} ms late (delay p50 ${ms(dispatch.delayP50Ms)} ms, p99 ${ms(dispatch.delayP99Ms)} ms)`]
      : []),
    `over ${seconds(check.seconds)}`,
  ].join(' · ');
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** `48`, `3.1`: whole ms from 10 up, one decimal below; `?` when run.json holds no number. */
const ms = (value: unknown) => (!finite(value) ? '?' : value >= 10 ? String(Math.round(value)) : value.toFixed(1));

const percent = (value: unknown) => (finite(value) ? `${Math.round(value * 100)}%` : '?');

const count = (value: unknown) => (finite(value) ? String(Math.round(value)) : '?');

/** `0.8 s`, `12 s`, `3 min 20 s`. */
function seconds(value: unknown): string {
  if (!finite(value)) return '? s';
  if (value < 10) return `${value.toFixed(1)} s`;
  const whole = Math.round(value);
  return whole < 120 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
