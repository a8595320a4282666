import { createRandom, hashString } from '../config/seeded-random.ts';
import type { AttemptRecord } from '../records/index.ts';

/** A record of a generation the AI Gateway can be asked about: answered, final, with its generation id. */
export type ReconcilableRecord = AttemptRecord & { status: 'ok'; generationId: string };

/**
 * Up to `size` generations per target (the target a step was sent to, for a step), drawn from
 * `seed`: the same run and seed ask about the same generations. A slot's final answer only, so
 * that a retried slot counts once; a pipeline's own record is no generation. Drawn from, and
 * returned in, the slots' order (dataset, case, prompt, repeat, step), whatever order the answers
 * came back in.
 */
export function sampleGenerations(records: readonly AttemptRecord[], size: number, seed: number): Map<string, ReconcilableRecord[]> {
  const byTarget = new Map<string, ReconcilableRecord[]>();
  for (const record of records) {
    if (record.status !== 'ok' || !record.final || record.pipeline !== undefined || !record.generationId) continue;
    const target = record.stepTarget ?? record.target;
    byTarget.set(target, [...(byTarget.get(target) ?? []), record as ReconcilableRecord]);
  }
  const sampled = new Map<string, ReconcilableRecord[]>();
  for (const [target, unordered] of byTarget) {
    // By slot, not by when each answer came back, so that concurrency does not change the draw.
    const candidates = unordered.map((record) => ({ record, key: slotKey(record) })).sort((left, right) => compare(left.key, right.key)).map(({ record }) => record);
    const random = createRandom(seed ^ hashString(target));
    // A partial Fisher–Yates shuffle picks `size` indices uniformly; sorted back to run order.
    const indices = candidates.map((_record, index) => index);
    const count = Math.min(size, indices.length);
    for (let index = 0; index < count; index++) {
      const pick = index + Math.floor(random() * (indices.length - index));
      [indices[index], indices[pick]] = [indices[pick]!, indices[index]!];
    }
    sampled.set(target, indices.slice(0, count).sort((left, right) => left - right).map((index) => candidates[index]!));
  }
  return sampled;
}

function slotKey(record: AttemptRecord): string[] {
  return [record.dataset ?? '', record.caseId, record.prompt, String(record.repeat).padStart(10, '0'), record.step ?? ''];
}

function compare(left: string[], right: string[]): number {
  for (let index = 0; index < left.length; index++) {
    if (left[index] !== right[index]) return left[index]! < right[index]! ? -1 : 1;
  }
  return 0;
}

