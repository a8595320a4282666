import type { AnswerSources } from './answer-policy.ts';
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
};

export function createServerState(options: Omit<ServerState, 'randomFor' | 'nextSequence' | 'records' | 'turns'> & { seed: number }): ServerState {
  const generators = new Map<string, Random>();
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
  };
}
