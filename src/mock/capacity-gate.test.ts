import { describe, expect, it } from 'vitest';
import { createCapacityGate } from './capacity-gate.ts';

describe('createCapacityGate', () => {
  it('lets `concurrency` requests through at once and queues the rest in arrival order', async () => {
    const gate = createCapacityGate(2);
    const order: string[] = [];
    const first = await gate.acquire();
    const second = await gate.acquire();
    const third = gate.acquire().then((release) => (order.push('third'), release));
    const fourth = gate.acquire().then((release) => (order.push('fourth'), release));
    await Promise.resolve();
    expect([gate.active, gate.waiting, order]).toEqual([2, 2, []]);
    second();
    const thirdRelease = await third;
    expect([gate.active, gate.waiting, order]).toEqual([2, 1, ['third']]);
    first();
    first(); // a second release of the same slot frees nothing more
    (await fourth)();
    thirdRelease();
    expect([gate.active, gate.waiting, order]).toEqual([0, 0, ['third', 'fourth']]);
  });

  it('refuses a concurrency below 1', () => {
    expect(() => createCapacityGate(0)).toThrow('Expected `concurrency` to be an integer >= 1, got `0`');
  });
});
