import { z } from 'zod';
import { boundedNumber } from '../config/bounded-number.ts';
import { limits } from '../config/limits.ts';
import { mockFaultKindSchema, type MockFaultKind } from '../config/mock-profile-schema.ts';
import type { MockProtocolName } from './protocols/protocol.ts';

/**
 * Faults to inject into the next matching requests, in order: `{ kind: 'rate_limit', count: 1 }`
 * makes the first request fail with 429 and lets its retry through.
 */
export const faultPlanEntrySchema = z.strictObject({
  match: z
    .strictObject({
      model: z.string().optional(),
      protocol: z.enum(['chat-completions', 'responses', 'anthropic-messages', 'gateway']).optional(),
    })
    .optional(),
  kind: mockFaultKindSchema,
  count: boundedNumber(limits.faultCount).default(1),
  afterChunks: boundedNumber(limits.chunkCount).optional(),
});
export type FaultPlanEntry = z.input<typeof faultPlanEntrySchema>;

type PendingFault = z.infer<typeof faultPlanEntrySchema>;

export type FaultPlan = {
  add(entries: FaultPlanEntry[]): void;
  /** Takes one use of the first entry matching this request, if any. */
  take(request: { model: string; protocol: MockProtocolName }): { kind: MockFaultKind; afterChunks?: number } | undefined;
  pending(): PendingFault[];
};

export function createFaultPlan(initial: FaultPlanEntry[] = []): FaultPlan {
  const entries: PendingFault[] = [];
  const plan: FaultPlan = {
    add(more) {
      for (const entry of more) entries.push(faultPlanEntrySchema.parse(entry));
    },
    take(request) {
      const index = entries.findIndex(
        (entry) =>
          (entry.match?.model === undefined || entry.match.model === request.model) &&
          (entry.match?.protocol === undefined || entry.match.protocol === request.protocol),
      );
      const entry = entries[index];
      if (!entry) return undefined;
      entry.count -= 1;
      if (entry.count === 0) entries.splice(index, 1);
      return { kind: entry.kind, ...(entry.afterChunks !== undefined ? { afterChunks: entry.afterChunks } : {}) };
    },
    pending: () => entries.map((entry) => ({ ...entry })),
  };
  plan.add(initial);
  return plan;
}
