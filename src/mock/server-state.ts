import type { AnswerSources } from './answer-policy.ts';
import type { ChunkScheduler } from './chunk-scheduler.ts';
import type { FaultPlan } from './fault-plan.ts';
import type { ModelRegistry } from './model-registry.ts';
import { createRandom, hashString, type Random } from './random.ts';
import type { MockRequestRecord } from './request-record.ts';

/** Everything one running simulator shares between requests. */
export type ServerState = {
  registry: ModelRegistry;
  sources: AnswerSources;
  faultPlan: FaultPlan;
  records: MockRequestRecord[];
  scheduler: ChunkScheduler;
  /** One generator per profile, so each model's draws depend only on its own request order. */
  randomFor(profileId: string): Random;
  nextSequence(): number;
};

export function createServerState(options: Omit<ServerState, 'randomFor' | 'nextSequence' | 'records'> & { seed: number }): ServerState {
  const generators = new Map<string, Random>();
  let sequence = 0;
  const { seed, ...shared } = options;
  return {
    ...shared,
    records: [],
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
