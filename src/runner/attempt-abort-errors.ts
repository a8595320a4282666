/** Why the harness ended a request itself: the run was interrupted, or the request ran out of time. */

export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor() {
    super('interrupted');
  }
}

export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(milliseconds: number) {
    super(`no complete answer within ${milliseconds} ms (--timeout-ms)`);
  }
}

export class StallError extends Error {
  override readonly name = 'StallError';
  constructor(milliseconds: number) {
    super(`stream stalled: nothing received for ${milliseconds} ms (--stall-timeout-ms)`);
  }
}
