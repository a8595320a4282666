import PQueue from 'p-queue';
import { describe, expect, it } from 'vitest';
import { closedLoopSlots } from './closed-loop-slots.ts';
import type { PlannedRequest } from './plan-run.ts';

/** Requests of two targets, interleaved as a plan interleaves them; only their target and order matter here. */
function plan(count: number, labels = ['a', 'b']): PlannedRequest[] {
  return Array.from({ length: count }, (_, order) => ({ target: { label: labels[order % labels.length] }, order }) as unknown as PlannedRequest);
}

/** Runs the slots through per-target queues (as runPlan does): the order they started in, and the most held at once. */
async function started(requests: readonly PlannedRequest[], feed: 'all' | 'fed', concurrency: number, durationOf: (order: number) => number) {
  const queues = new Map<string, PQueue>();
  const order: number[] = [];
  let held = 0;
  let peakHeld = 0;
  const start = (request: PlannedRequest) => {
    let queue = queues.get(request.target.label);
    if (!queue) queues.set(request.target.label, (queue = new PQueue({ concurrency })));
    held++;
    peakHeld = Math.max(peakHeld, held);
    return queue.add(async () => {
      order.push(request.order ?? -1);
      // Microtask turns, not timers: the same interleaving on a busy machine as on a quiet one.
      for (let turn = 0; turn < durationOf(request.order ?? 0) * 20; turn++) await null;
    }).finally(() => held--);
  };
  const halt = new AbortController();
  if (feed === 'all') await Promise.all(requests.map(start));
  else await closedLoopSlots(requests, start, { ahead: 2 * concurrency + 1, halt: halt.signal });
  return { order, peakHeld };
}

describe('closedLoopSlots', () => {
  it('starts the slots in the order a queue given them all at once starts them, holding only a few per target', async () => {
    const requests = plan(60);
    const durationOf = (order: number) => (order * 7) % 5;
    const all = await started(requests, 'all', 2, durationOf);
    const fed = await started(requests, 'fed', 2, durationOf);
    expect(fed.order).toEqual(all.order);
    expect(all.peakHeld).toBe(60);
    // Two targets, each with at most 2 × 2 + 1 slots held.
    expect(fed.peakHeld).toBeLessThanOrEqual(10);
  });

  it('adds no slot once halted, and settles when the ones started have', async () => {
    const halt = new AbortController();
    const startedOrders: number[] = [];
    await closedLoopSlots(plan(20, ['a']), (request) => {
      startedOrders.push(request.order ?? -1);
      if (startedOrders.length === 3) halt.abort();
      return new Promise((resolve) => setTimeout(resolve, 1));
    }, { ahead: 3, halt: halt.signal });
    expect(startedOrders).toEqual([0, 1, 2]);
  });

  it('rejects with the first failure of a slot', async () => {
    const halt = new AbortController();
    await expect(closedLoopSlots(plan(4), (request) => (request.order === 2 ? Promise.reject(new Error('boom')) : Promise.resolve()), { ahead: 1, halt: halt.signal })).rejects.toThrow('boom');
  });

  it('resolves at once for an empty plan', async () => {
    await closedLoopSlots([], () => Promise.resolve(), { ahead: 1, halt: new AbortController().signal });
  });
});
