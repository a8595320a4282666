import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/case.ts';
import type { Target } from '../targets/index.ts';
import { planRun } from './plan-run.ts';
import { parseShard, shardPlan } from './shard-plan.ts';

const testCase = (id: string): Case => ({ id, line: 1, messages: [{ role: 'user', content: id }], assert: [], tags: [], vars: {} });
const target = (label: string) => ({ label }) as Target;
const slot = (request: { repeat: number; testCase: Case; target: Target }) => `${request.repeat}${request.testCase.id}${request.target.label}`;

describe('parseShard', () => {
  it('reads K/N, spaces allowed', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    expect(parseShard('10000/10000')).toEqual({ index: 10000, count: 10000 });
  });

  it('refuses what is not K/N with 1 ≤ K ≤ N ≤ 10000, naming the flag or the eval file key and the text', () => {
    expect(() => parseShard('2')).toThrow('--shard "2": expected K/N, shard K of N (whole numbers, e.g. 2/4)');
    expect(() => parseShard('1.5/3')).toThrow('--shard "1.5/3": expected K/N');
    expect(() => parseShard('-1/3')).toThrow('--shard "-1/3": expected K/N');
    expect(() => parseShard('0/3')).toThrow('--shard "0/3": expected K between 1 and N (3), got 0');
    expect(() => parseShard('4/3')).toThrow('--shard "4/3": expected K between 1 and N (3), got 4');
    expect(() => parseShard('1/0')).toThrow('--shard "1/0": expected N between 1 and 10,000 shards, got 0');
    expect(() => parseShard('1/10001')).toThrow('--shard "1/10001": expected N between 1 and 10,000 shards, got 10001');
    expect(() => parseShard('5/4', 'llm-bench.yaml:7: load.shard')).toThrow('llm-bench.yaml:7: load.shard: "5/4": expected K between 1 and N (4), got 5');
  });
});

describe('shardPlan', () => {
  const plan = planRun({ cases: ['a', 'b', 'c', 'd', 'e'].map(testCase), targets: [target('x'), target('y')], repeats: 2 });

  it('splits the plan into N shards that together hold every slot once, each slot keeping its order in the whole plan', () => {
    const shards = [1, 2, 3].map((index) => shardPlan(plan, { index, count: 3 }));
    const orders = shards.flatMap((shard) => shard.requests.map((request) => request.order));
    expect(orders.toSorted((left, right) => left! - right!)).toEqual(plan.requests.map((request) => request.order));
    expect(shards.map((shard) => shard.requests.length)).toEqual([7, 7, 6]);
    expect(shards[1]!.requests.map((request) => request.order)).toEqual([1, 4, 7, 10, 13, 16, 19]);
  });

  it('interleaves: every shard has both targets and both repeats, not a block of the plan', () => {
    for (const index of [1, 2]) {
      const requests = shardPlan(plan, { index, count: 2 }).requests;
      expect(new Set(requests.map((request) => request.target.label))).toEqual(new Set(['x', 'y']));
      expect(new Set(requests.map((request) => request.repeat))).toEqual(new Set([1, 2]));
    }
    expect(shardPlan(plan, { index: 1, count: 2 }).requests.map(slot)).toEqual(['1ax', '1by', '1cx', '1dy', '1ex', '2ay', '2bx', '2cy', '2dx', '2ey']);
  });

  it('gives the same shard every time (a resumed shard sends the same slots), and 1/1 is the whole plan', () => {
    expect(shardPlan(plan, { index: 2, count: 4 }).requests.map(slot)).toEqual(shardPlan(plan, { index: 2, count: 4 }).requests.map(slot));
    expect(shardPlan(plan, { index: 1, count: 1 }).requests).toEqual(plan.requests);
  });

  it('leaves a shard empty when there are more shards than slots', () => {
    const small = planRun({ cases: [testCase('a')], targets: [target('x')], repeats: 1 });
    expect(shardPlan(small, { index: 2, count: 3 }).requests).toEqual([]);
  });
});
