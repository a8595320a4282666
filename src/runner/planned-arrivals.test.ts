import { describe, expect, it } from 'vitest';
import { arrivalSchedule } from './arrival-schedule.ts';
import { planRun, type PlannedRequest } from './plan-run.ts';
import { plannedArrivals } from './planned-arrivals.ts';
import { fakeCase, fakeTarget } from './test/scripted-attempts.ts';

const plan = planRun({ cases: Array.from({ length: 6 }, (_, index) => fakeCase(`c${index + 1}`)), targets: [fakeTarget('a')], repeats: 1 });
const schedule = Array.from(arrivalSchedule(6, { process: 'poisson', ratePerSecond: 10, seed: 4 }));
const ids = (requests: readonly PlannedRequest[]) => requests.map((request) => request.testCase.id);

describe('plannedArrivals', () => {
  it('gives each slot the whole plan’s offset of its order, in the order they are due', () => {
    const due = plannedArrivals(plan.requests, 10, { process: 'poisson', seed: 4 });
    expect(Array.from(due.offsets)).toEqual(schedule);
    expect(due.requests).toBe(plan.requests);
    // A shard's slots (every other one) keep their place in the whole schedule.
    const shard = plan.requests.filter((_, index) => index % 2 === 1);
    expect(Array.from(plannedArrivals(shard, 10, { process: 'poisson', seed: 4 }).offsets)).toEqual([schedule[1], schedule[3], schedule[5]]);
  });

  it('sorts slots given out of order by when they are due, and shifts a resume so the first left is at 0', () => {
    const shuffled = [plan.requests[4]!, plan.requests[2]!, plan.requests[5]!];
    const due = plannedArrivals(shuffled, 10, { process: 'poisson', seed: 4, shiftToFirst: true });
    expect(ids(due.requests)).toEqual(['c3', 'c5', 'c6']);
    expect(Array.from(due.offsets)).toEqual([0, schedule[4]! - schedule[2]!, schedule[5]! - schedule[2]!]);
  });

  it('is constant at the rate without an arrival process, and counts slots without an order by their place', () => {
    const unordered = plan.requests.slice(0, 3).map(({ order: _order, ...request }) => request);
    expect(Array.from(plannedArrivals(unordered, 4, undefined).offsets)).toEqual([0, 250, 500]);
  });
});
