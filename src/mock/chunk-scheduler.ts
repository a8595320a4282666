import { maxTimerMs } from '../config/limits.ts';
import { now } from './clock.ts';

/**
 * Wakes callers at absolute times with sub-millisecond precision. Timers alone fire up to a
 * millisecond or two late, so one shared timer sleeps until shortly before the earliest deadline
 * and the last stretch is spun with `setImmediate` (which still lets socket I/O through).
 * One scheduler for all streams keeps the spinning to one loop however many streams are open.
 */
export type ChunkScheduler = {
  waitUntil(time: number): Promise<void>;
  /**
   * Runs `run` at `time` (at once when it is past), with no promise in between: a stream's writes
   * run right in the wake that found them due, one after another. Nothing runs after close.
   */
  at(time: number, run: () => void): void;
  close(): void;
};

type Waiter = { time: number; run: () => void };

export function createChunkScheduler(options: { spinWindowMs?: number } = {}): ChunkScheduler {
  const spinWindow = options.spinWindowMs ?? 3;
  const heap: Waiter[] = [];
  let timer: NodeJS.Timeout | undefined;
  let timerDeadline = Infinity;
  let spinning = false;
  let closed = false;

  const wake = () => {
    timer = undefined;
    timerDeadline = Infinity;
    spinning = false;
    if (closed) return;
    let current = now();
    // What came due while earlier callbacks ran is run in this wake too (the clock is read again
    // only when the next deadline looks ahead of it).
    while (heap.length > 0 && !closed && (heap[0]!.time <= current || heap[0]!.time <= (current = now()))) pop(heap).run();
    arm();
  };

  const arm = () => {
    const earliest = heap[0];
    if (!earliest || spinning) return;
    const remaining = earliest.time - now();
    if (remaining <= spinWindow) {
      if (timer) clearTimeout(timer);
      timer = undefined;
      timerDeadline = Infinity;
      spinning = true;
      setImmediate(wake);
      return;
    }
    if (timer && timerDeadline <= earliest.time) return;
    if (timer) clearTimeout(timer);
    timerDeadline = earliest.time;
    // A deadline past what one timer holds (a profile's huge time to first token, a long
    // x-mock-delay-ms) is reached in steps: a longer timer would fire after 1 ms, over and over.
    timer = setTimeout(wake, Math.min(remaining - spinWindow, maxTimerMs));
  };

  return {
    waitUntil(time) {
      if (closed) return new Promise(() => {});
      if (time <= now()) return Promise.resolve();
      return new Promise((resolve) => {
        push(heap, { time, run: resolve });
        arm();
      });
    },
    at(time, run) {
      if (closed) return;
      push(heap, { time, run });
      arm();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      heap.length = 0;
    },
  };
}

function push(heap: Waiter[], waiter: Waiter): void {
  heap.push(waiter);
  let index = heap.length - 1;
  while (index > 0) {
    const parent = (index - 1) >> 1;
    if (heap[parent]!.time <= heap[index]!.time) break;
    [heap[parent], heap[index]] = [heap[index]!, heap[parent]!];
    index = parent;
  }
}

function pop(heap: Waiter[]): Waiter {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let index = 0;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && heap[left]!.time < heap[smallest]!.time) smallest = left;
      if (right < heap.length && heap[right]!.time < heap[smallest]!.time) smallest = right;
      if (smallest === index) break;
      [heap[smallest], heap[index]] = [heap[index]!, heap[smallest]!];
      index = smallest;
    }
  }
  return top;
}
