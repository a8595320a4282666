/**
 * Hands out the event loop one turn at a time. A simulator that worked through a burst of
 * requests back to back would stamp the last ones' arrival late by all the work before them;
 * with each request's work in a turn of its own, the loop polls its sockets in between, so a
 * request that has just arrived is stamped after at most one other request's work.
 */
export type TurnQueue = {
  /** Resolves in a later turn of the event loop: one caller per turn, first come first served. */
  next(): Promise<void>;
};

export function createTurnQueue(): TurnQueue {
  // An immediate is scheduled exactly while someone waits.
  const waiting: Array<() => void> = [];
  const runOne = () => {
    waiting.shift()!();
    // An immediate queued from inside an immediate runs in the next turn, after the poll phase.
    if (waiting.length > 0) setImmediate(runOne);
  };
  return {
    next: () =>
      new Promise<void>((resolve) => {
        if (waiting.push(resolve) === 1) setImmediate(runOne);
      }),
  };
}
