import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.ts';

describe('FakeClock', () => {
  it('wakes each wait at its own time, earliest first, ties in the order asked, and lets the woken code run between', async () => {
    const clock = new FakeClock(1000);
    const log: string[] = [];
    const wait = (name: string, milliseconds: number) =>
      clock.sleep(milliseconds).then(async () => {
        log.push(`${name}@${clock.now()}`);
        // A chain that asks for more time after waking is scheduled before a later wake.
        if (name === 'a') await clock.sleep(5).then(() => log.push(`a2@${clock.now()}`));
      });
    void wait('b', 20);
    void wait('a', 10);
    void wait('c', 20);
    await clock.advance(14);
    expect(log).toEqual(['a@1010']);
    expect(clock.now()).toBe(1014);
    await clock.runAll();
    expect(log).toEqual(['a@1010', 'a2@1015', 'b@1020', 'c@1020']);
    expect(clock.pending).toBe(0);
  });

  it('ends a wait at once when its signal aborts, before or during it, and never throws', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    let ended = false;
    const sleeping = clock.sleep(Infinity, controller.signal).then(() => (ended = true));
    await clock.runAll();
    expect(ended).toBe(false);
    controller.abort();
    await sleeping;
    expect(clock.now()).toBe(0);
    expect(clock.pending).toBe(0);
    await clock.sleep(1000, controller.signal);
    expect(clock.sleeps).toEqual([{ at: 0, milliseconds: Infinity }, { at: 0, milliseconds: 1000 }]);
  });
});
