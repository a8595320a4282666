/**
 * `--rate`: new requests start at a constant rate, one every 1/rate seconds, instead of all at
 * once up to the concurrency (GuideLLM's "constant" rate; vLLM's benchmark calls the burst
 * `--request-rate inf`). Starts are handed out in the order slots ask for them, which is the
 * plan's order. Retries are not paced: they belong to a request that has started.
 */
export class ArrivalPacer {
  private readonly intervalMs: number;
  private readonly now: () => number;
  private next: number | undefined;

  constructor(ratePerSecond: number, now: () => number = () => performance.now()) {
    // 0, NaN or Infinity would make every wait Infinity or NaN: a caller's bug, not a user's (--rate is checked).
    if (!(ratePerSecond > 0 && Number.isFinite(ratePerSecond))) throw new RangeError(`Expected a rate > 0 per second, got ${ratePerSecond}`);
    this.intervalMs = 1000 / ratePerSecond;
    this.now = now;
  }

  /** Milliseconds to wait before the next request may start (0 for the first). */
  reserve(): number {
    const at = this.now();
    const start = this.next === undefined ? at : Math.max(at, this.next);
    this.next = start + this.intervalMs;
    return start - at;
  }
}
