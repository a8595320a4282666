import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchSilence } from './watch-silence.ts';

describe('watchSilence', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls onSilence once nothing has happened for the timeout since the latest activity, and once only', () => {
    vi.useFakeTimers();
    let last = Date.now();
    const onSilence = vi.fn();
    watchSilence(100, () => last, onSilence, () => Date.now());
    vi.advanceTimersByTime(90);
    last = Date.now();
    vi.advanceTimersByTime(90);
    expect(onSilence).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(onSilence).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(onSilence).toHaveBeenCalledTimes(1);
  });

  it('does nothing once stopped', () => {
    vi.useFakeTimers();
    const onSilence = vi.fn();
    watchSilence(100, () => Date.now(), onSilence, () => Date.now()).stop();
    vi.advanceTimersByTime(1000);
    expect(onSilence).not.toHaveBeenCalled();
  });

  it('reads activity that arrived while this thread was held up before it judges', async () => {
    // Real timers and a message, as from the transport worker, stamped when it was sent. This
    // thread is busy past the timeout, so the timer is due before the message is read (Node runs
    // due timers first). The clock is a variable, so that only the order of events decides.
    let now = 0;
    let last = 0;
    const { port1, port2 } = new MessageChannel();
    port2.on('message', (stamp: number) => (last = stamp));
    const onSilence = vi.fn();
    const watch = watchSilence(20, () => last, onSilence, () => now);
    const until = performance.now() + 30;
    while (performance.now() < until);
    port1.postMessage(15);
    now = 30;
    // Two turns of the event loop: the timer comes due, the message is read, the verdict is given.
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(last).toBe(15);
    expect(onSilence).not.toHaveBeenCalled();
    // Silent for 20 since the message: now it is a stall.
    now = 35;
    await vi.waitFor(() => expect(onSilence).toHaveBeenCalledTimes(1));
    watch.stop();
    port1.close();
  });
});
