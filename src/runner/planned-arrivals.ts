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
): { requests: readonly PlannedRequest[]; offsets: Float64Array } {
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
  const offsets = Float64Array.from(requests, (request, index) => schedule[orderOf(request, index)] ?? 0);
  // A plan (or a shard, or a resume) keeps the whole plan's order, so the offsets ascend already:
  // no copy of a million slots. Otherwise, sorted; stable, so slots due together keep their order.
  const ascending = offsets.every((at, index) => index === 0 || at >= (offsets[index - 1] ?? 0));
  const order = ascending ? undefined : Array.from(offsets.keys()).sort((a, b) => (offsets[a] ?? 0) - (offsets[b] ?? 0));
  const sorted = order ? Float64Array.from(order, (index) => offsets[index] ?? 0) : offsets;
  const shift = arrival?.shiftToFirst ? (sorted[0] ?? 0) : 0;
  if (shift !== 0) for (let index = 0; index < sorted.length; index++) sorted[index] = (sorted[index] ?? 0) - shift;
  return { requests: order ? order.flatMap((index) => requests[index] ?? []) : requests, offsets: sorted };
}
