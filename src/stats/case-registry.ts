import type { AttemptRecord } from '../records/attempt-record.ts';
import { caseKey, caseLabel } from '../records/case-key.ts';
import { GrowableArray } from './growable-array.ts';

const unknown = 0;
const without = 1;
const with_ = 2;

/**
 * The run's cases, each numbered once (in first-seen order) and shared by every (target, prompt),
 * with whether it has assertions as the answers show it (see caseAssertions): one scored answer
 * says yes, an answer without a score no. A case is kept as its key and two bytes, never its records.
 */
export class CaseRegistry {
  readonly #indexes = new Map<string, number>();
  readonly #keys: string[] = [];
  readonly #assertions = new GrowableArray(Uint8Array);
  /** 1 when the case's records name a dataset: its label is then `dataset/id`. */
  readonly #named = new GrowableArray(Uint8Array);

  get size(): number {
    return this.#keys.length;
  }

  /** The case's number, registering it on first sight, and what this record tells of its assertions. */
  add(record: AttemptRecord): number {
    const key = caseKey(record);
    let index = this.#indexes.get(key);
    if (index === undefined) {
      index = this.#keys.length;
      this.#indexes.set(key, index);
      this.#keys.push(key);
      this.#assertions.push(unknown);
      this.#named.push(record.dataset !== undefined ? 1 : 0);
    }
    if (record.status === 'ok') {
      if (record.score) this.#assertions.set(index, with_);
      else if (this.#assertions.get(index) === unknown) this.#assertions.set(index, without);
    }
    return index;
  }

  key(index: number): string {
    return this.#keys[index]!;
  }

  /** `q1`, or `smoke/q1` when its records name a dataset (caseLabel). */
  label(index: number): string {
    const [dataset, caseId] = JSON.parse(this.#keys[index]!) as [string, string];
    return caseLabel(this.#named.get(index) === 1 ? { dataset, caseId } : { caseId });
  }

  /**
   * Whether each case has assertions, the answers' word overridden by `known` (from the datasets,
   * by caseKey), and whether any case of the run has: what a case nobody answered is taken to have.
   */
  assertions(known?: ReadonlyMap<string, boolean>): { of(index: number): boolean | undefined; any: boolean } {
    const overridden = new Map<number, boolean>();
    let any = false;
    for (const [key, has] of known ?? []) {
      const index = this.#indexes.get(key);
      if (index === undefined) any ||= has;
      else overridden.set(index, has);
    }
    const of = (index: number) => overridden.get(index) ?? (this.#assertions.get(index) === unknown ? undefined : this.#assertions.get(index) === with_);
    for (let index = 0; index < this.#keys.length && !any; index++) any = of(index) === true;
    return { of, any };
  }

  /**
   * The same from an explicit map alone (summarizeTarget's `runAssertions`): the records' word is
   * not consulted.
   */
  assertionsFrom(map: ReadonlyMap<string, boolean>): { of(index: number): boolean | undefined; any: boolean } {
    return { of: (index) => map.get(this.#keys[index]!), any: [...map.values()].some(Boolean) };
  }
}
