import { arrivalSchedule, type ArrivalProcess } from './arrival-schedule.ts';
import type { PlannedRequest } from './plan-run.ts';

/** Open loop: how arrivals come (with RunSettings' `ratePerSecond`). */
export type ArrivalSettings = {
  /** Default constant. */
  process: ArrivalProcess;
  /** Gamma only (1: Poisson). */
  burstiness?: number;
  /** The rate rises linearly from 0 over this span. */
  rampUpSeconds?: number;
  /** --seed: the same seed, the same schedule. */
  seed: number;
  /**
   * A resumed run: the slots left keep their offsets, shifted so the first is at 0 (no idle gap
   * where the slots already done were). A shard is not shifted: its slots keep their place in the
   * whole plan's schedule, which --start-at aligns with the other shards'.
   */
  shiftToFirst?: boolean;
};

/**
 * Each slot's scheduled offset (ms from the schedule's zero), in the order they are due. The
 * schedule is drawn over the whole plan (a slot's `order`), so a slot is due at the same time
 * whether it runs in the full plan, a shard or a resume.
 */
export function plannedArrivals(
  requests: readonly PlannedRequest[],
  ratePerSecond: number,
  arrival: ArrivalSettings | undefined,
): { requests: PlannedRequest[]; offsets: Float64Array } {
  const orderOf = (request: PlannedRequest, index: number) => request.order ?? index;
  let count = 0;
  requests.forEach((request, index) => {
    count = Math.max(count, orderOf(request, index) + 1);
  });
  const schedule = arrivalSchedule(count, {
    process: arrival?.process ?? 'constant',
    ratePerSecond,
    seed: arrival?.seed ?? 1,
    ...(arrival?.burstiness !== undefined ? { burstiness: arrival.burstiness } : {}),
    ...(arrival?.rampUpSeconds !== undefined ? { rampUpSeconds: arrival.rampUpSeconds } : {}),
  });
  const due = requests.map((request, index) => ({ request, at: schedule[orderOf(request, index)] ?? 0 }));
  // Stable: slots due at the same time keep the plan's order.
  due.sort((a, b) => a.at - b.at);
  const shift = arrival?.shiftToFirst ? (due[0]?.at ?? 0) : 0;
  return { requests: due.map((slot) => slot.request), offsets: Float64Array.from(due, (slot) => slot.at - shift) };
}
