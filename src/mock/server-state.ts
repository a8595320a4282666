import type { AnswerSources } from './answer-policy.ts';
import { createCapacityGate, type CapacityGate } from './capacity-gate.ts';
import type { ChunkScheduler } from './chunk-scheduler.ts';
import type { FaultPlan } from './fault-plan.ts';
import type { ModelRegistry } from './model-registry.ts';
import { createRandom, hashString, type Random } from './random.ts';
import type { MockRequestRecord } from './request-record.ts';
import { createTurnQueue, type TurnQueue } from './turn-queue.ts';

/** Everything one running simulator shares between requests. */
export type ServerState = {
  registry: ModelRegistry;
  sources: AnswerSources;
  faultPlan: FaultPlan;
  records: MockRequestRecord[];
  scheduler: ChunkScheduler;
  /** Each request's work (parse, draw, generate) waits for a turn of its own: see turn-queue.ts. */
  turns: TurnQueue;
  /** One generator per profile, so each model's draws depend only on its own request order. */
  randomFor(profileId: string): Random;
  nextSequence(): number;
  /** The capacity gate of a profile with a `capacity`, one per profile; undefined without one. */
  capacityFor(profileId: string, concurrency: number | undefined): CapacityGate | undefined;
};

export function createServerState(options: Omit<ServerState, 'randomFor' | 'nextSequence' | 'records' | 'turns' | 'capacityFor'> & { seed: number }): ServerState {
  const generators = new Map<string, Random>();
  const gates = new Map<string, CapacityGate>();
  let sequence = 0;
  const { seed, ...shared } = options;
  return {
    ...shared,
    records: [],
    turns: createTurnQueue(),
    randomFor(profileId) {
      let random = generators.get(profileId);
      if (!random) {
        random = createRandom((seed ^ hashString(profileId)) >>> 0);
        generators.set(profileId, random);
      }
      return random;
    },
    nextSequence: () => ++sequence,
    capacityFor(profileId, concurrency) {
      if (concurrency === undefined) return undefined;
      let gate = gates.get(profileId);
      if (!gate) {
        gate = createCapacityGate(concurrency);
        gates.set(profileId, gate);
      }
      return gate;
    },
  };
}
