/**
 * A simulated server's capacity: at most `concurrency` requests of one model generate at once;
 * the others wait in arrival order (FIFO), and their time to first token includes the wait. Past
 * a rate of about concurrency / service time the queue grows without bound: the knee a load
 * sweep looks for.
 */
export type CapacityGate = {
  /** Resolves with the slot's release once a slot is free; the caller must release it exactly once. */
  acquire(): Promise<() => void>;
  /** Requests waiting for a slot now. */
  readonly waiting: number;
  /** Requests holding a slot now. */
  readonly active: number;
};

export function createCapacityGate(concurrency: number): CapacityGate {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`Expected \`concurrency\` to be an integer >= 1, got \`${concurrency}\``);
  const queue: Array<() => void> = [];
  let active = 0;
  const release = () => {
    const next = queue.shift();
    // The slot passes straight to the next in line: a newcomer cannot overtake it.
    if (next) next();
    else active -= 1;
  };
  const slot = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  };
  return {
    acquire() {
      if (active < concurrency) {
        active += 1;
        return Promise.resolve(slot());
      }
      return new Promise((resolve) => queue.push(() => resolve(slot())));
    },
    get waiting() {
      return queue.length;
    },
    get active() {
      return active;
    },
  };
}
