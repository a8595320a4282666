import type { PlannedRequest } from './plan-run.ts';

/**
 * Closed loop: every slot of the plan goes to its target's queue, in plan order, but only a few
 * ahead of what the queue runs: each target holds at most `ahead` slots started and not yet
 * settled, and gets its next one as one of them settles. A queue given all its slots at once
 * held a closure, a context and a promise for each (about 1.7 KB a slot, 1.7 GB for a million);
 * with `ahead` above the target's concurrency its queue never runs dry while slots remain, so the
 * slots start in the same order as before. After `halt` aborts no slot is added (a slot started
 * after a stop ends without sending). Rejects with the first slot's failure, at once.
 */
export function closedLoopSlots(
  requests: readonly PlannedRequest[],
  start: (request: PlannedRequest) => Promise<void> | undefined,
  options: { ahead: number; halt: AbortSignal },
): Promise<void> {
  const ahead = Math.max(1, options.ahead);
  const targets = new Set(requests.map((request) => request.target.label)).size;
  // Per target: the index its next slot is looked for from, and its slots started and unsettled.
  const cursors = new Map<string, { next: number; held: number }>();
  const cursorOf = (label: string) => {
    let cursor = cursors.get(label);
    if (!cursor) cursors.set(label, (cursor = { next: 0, held: 0 }));
    return cursor;
  };
  return new Promise<void>((resolve, reject) => {
    let held = 0;
    let failed = false;
    const settle = () => {
      if (!failed && held === 0) resolve();
    };
    const launch = (request: PlannedRequest, cursor: { held: number }) => {
      const slot = start(request);
      if (!slot) return;
      cursor.held++;
      held++;
      slot.then(
        () => {
          cursor.held--;
          held--;
          if (!options.halt.aborted) feed(request.target.label);
          settle();
        },
        (error: unknown) => {
          cursor.held--;
          held--;
          if (!failed) reject(error);
          failed = true;
        },
      );
    };
    /** One target's next slots, until it holds `ahead` or has none left. */
    const feed = (label: string) => {
      const cursor = cursorOf(label);
      while (!failed && cursor.held < ahead && cursor.next < requests.length) {
        const request = requests[cursor.next++];
        if (request && request.target.label === label) launch(request, cursor);
      }
    };
    // The first slots of every target, in plan order, as if the whole plan were queued at once.
    for (let index = 0; index < requests.length && !failed && !options.halt.aborted; index++) {
      const request = requests[index];
      if (!request) continue;
      const cursor = cursorOf(request.target.label);
      if (cursor.next > index || cursor.held >= ahead) continue;
      cursor.next = index + 1;
      launch(request, cursor);
      if (cursors.size === targets && [...cursors.values()].every((full) => full.held >= ahead)) break;
    }
    settle();
  });
}
