import { InputError } from '../config/errors.ts';
import type { Plan } from './plan-run.ts';

/** `--shard K/N`: this run sends shard `index` (1-based) of `count`. */
export type Shard = { index: number; count: number };

/** Enough for any cluster a benchmark runs on; a bound keeps a typo (`1/1000000000`) from planning empty shards. */
export const maximumShards = 10_000;

/**
 * Reads `K/N`: integers, 1 ≤ K ≤ N ≤ 10000. `place` names where it was given (`--shard`, or
 * `llm-bench.yaml:7: load.shard`), and leads the message.
 */
export function parseShard(text: string, place = '--shard'): Shard {
  const subject = `${place}${place.startsWith('--') ? '' : ':'} ${JSON.stringify(text)}`;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new InputError(`${subject}: expected K/N, shard K of N (whole numbers, e.g. 2/4)`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > maximumShards) throw new InputError(`${subject}: expected N between 1 and ${maximumShards.toLocaleString('en-US')} shards, got ${match[2]}`);
  if (index < 1 || index > count) throw new InputError(`${subject}: expected K between 1 and N (${count}), got ${match[1]}`);
  return { index, count };
}

/** The shard a slot of the whole plan belongs to: slot i (its `order`) goes to shard (i mod N) + 1. */
export function shardOfSlot(order: number, count: number): number {
  return (order % count) + 1;
}

/**
 * The slots of one shard, each keeping its `order` in the whole plan (the arrival schedule is
 * drawn over the whole plan, and a merge puts records back in that order).
 *
 * Interleaved rather than in contiguous blocks: the plan rotates targets and prompts from one case
 * to the next and runs repeat by repeat, so every N-th slot gives each shard a share of every
 * target, prompt, dataset and repeat; and with open-loop arrivals each shard sends 1/N of the rate
 * over the whole schedule, instead of the shards taking turns (blocks would leave shard 1 sending
 * the first 1/N of the time window at the full rate while the others wait).
 */
export function shardPlan(plan: Plan, shard: Shard): Plan {
  return {
    targets: plan.targets,
    requests: plan.requests.filter((request, position) => shardOfSlot(request.order ?? position, shard.count) === shard.index),
  };
}
