import { describe, expect, it } from 'vitest';
import { createTurnQueue } from './turn-queue.ts';

describe('createTurnQueue', () => {
  it('gives a burst of callers one event-loop turn each, first come first served', async () => {
    // A ticker counts the loop's turns; each caller notes the turn it ran in.
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const queue = createTurnQueue();
    const ran: Array<{ caller: number; turn: number }> = [];
    await Promise.all([0, 1, 2, 3].map(async (caller) => {
      await queue.next();
      ran.push({ caller, turn });
    }));
    ticking = false;
    expect(ran.map((entry) => entry.caller)).toEqual([0, 1, 2, 3]);
    const turns = ran.map((entry) => entry.turn);
    for (let index = 1; index < turns.length; index++) expect(turns[index]).toBeGreaterThan(turns[index - 1]!);
  });
});
