import { errorTypeSchema, type ErrorType } from '../records/attempt-error.ts';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { isPipelineRecord, isStepRecord } from '../records/pipeline-figures.ts';
import { isWarmCache } from './cache-state.ts';
import { GrowableArray, Samples } from './growable-array.ts';
import { sloVerdict, type SloObjective } from './slo.ts';

const errorTypes = errorTypeSchema.options;

// A slot's flags.
const hasFinal = 1;
const firstSeen = 2;
const firstOk = 4;
const outcomeOk = 8;
const sloMet = 16;
const sloFromScheduled = 32;
// A slot's verdict: none (no score), unscored, passed, failed.
export const verdictNone = 0;
export const verdictUnscored = 1;
export const verdictPassed = 2;
export const verdictFailed = 3;

// A slot is found by its (case, repeat) packed into one small integer (a V8 smi, stored inline
// in the Map: a million slots cost ~28 MB, not ~44 MB with boxed keys): most runs have few
// repeats of many cases, a load test many repeats of few cases. Anything else has a text key.
const small = 1024;
const large = 2 ** 20;

/** A sum of a paid-for figure, as sumPaid makes it: unknown for good once an answer lacks it. */
type PaidSum = { total: number | undefined; unknown: boolean };

function addPaid(sum: PaidSum, record: AttemptRecord, value: number | undefined): void {
  if (sum.unknown) return;
  if (value === undefined) {
    if (record.status === 'ok') {
      sum.unknown = true;
      sum.total = undefined;
    }
    return;
  }
  sum.total = (sum.total ?? 0) + value;
}

/** How a slot is decided: by its attempt marked final (else its highest attempt), or by its latest record (normalizeFinals). */
export type SlotDecision = 'final' | 'latest';

/**
 * What one (target, prompt)'s records come to, fed one record at a time: counters per case and
 * per slot in typed arrays, and the timing samples, never the records. PairFigures turns it into
 * a TargetSummary.
 */
export class PairAccumulator {
  readonly target: string;
  readonly prompt: string;
  readonly plannedSlots: number;
  readonly #decision: SlotDecision;
  readonly #slo: readonly SloObjective[] | undefined;

  // Cases, by local number in first-seen order; `localOf` maps the run's case number to it (+1).
  readonly localOf = new GrowableArray(Int32Array);
  readonly caseGlobal = new GrowableArray(Int32Array);

  // Slots, by number in first-seen order.
  readonly #slotByCase = new Map<number, number>();
  readonly #slotByRepeat = new Map<number, number>();
  readonly #slotByText = new Map<string, number>();
  readonly slotCase = new GrowableArray(Int32Array);
  readonly #slotAttempt = new GrowableArray(Int32Array);
  readonly slotFlags = new GrowableArray(Uint8Array);
  readonly slotError = new GrowableArray(Uint8Array);
  readonly slotVerdict = new GrowableArray(Uint8Array);
  readonly slotScore = new GrowableArray(Float64Array, 0);

  attempts = 0;
  readonly inputTokens: PaidSum = { total: undefined, unknown: false };
  readonly outputTokens: PaidSum = { total: undefined, unknown: false };
  readonly cost: PaidSum = { total: undefined, unknown: false };
  tokensEstimated = false;

  // Of every answered call (single calls and steps, not a pipeline's own record): TTFT by whether
  // the provider served part of the prompt from its cache.
  readonly ttftCold = new Samples();
  readonly ttftWarm = new Samples();
  // Of every call with both costs: the price table's and the gateway's, summed.
  gatewayCostCalls = 0;
  listCostSum = 0;
  gatewayCostSum = 0;

  // Timing of every answered attempt, in record order.
  readonly ttft = new Samples();
  readonly e2e = new Samples();
  readonly outputTps = new Samples();
  readonly interChunkP50 = new Samples();
  readonly interChunkP99 = new Samples();
  readonly tpot = new Samples();
  readonly ttftFromScheduled = new Samples();
  readonly e2eFromScheduled = new Samples();
  tokensPerChunkSum = 0;
  tokensPerChunkCount = 0;
  // Of each slot's first attempt: when it was due and sent.
  readonly dispatchDelay = new Samples();
  sends = 0;
  firstSentMs = Infinity;
  lastSentMs = -Infinity;

  constructor(target: string, prompt: string, plannedSlots: number, options: { decision?: SlotDecision; slo?: readonly SloObjective[] | undefined } = {}) {
    this.target = target;
    this.prompt = prompt;
    this.plannedSlots = plannedSlots;
    this.#decision = options.decision ?? 'final';
    this.#slo = options.slo !== undefined && options.slo.length > 0 ? options.slo : undefined;
  }

  get slots(): number {
    return this.slotCase.length;
  }

  get cases(): number {
    return this.caseGlobal.length;
  }

  get slo(): readonly SloObjective[] | undefined {
    return this.#slo;
  }

  /**
   * Adds one record of this pair; `globalCase` is its case's number in the run (CaseRegistry). A
   * step's attempt counts for spending only (addCall); a multi-call case's own record for the case
   * figures only (its steps hold the spending); a single call for both.
   */
  add(record: AttemptRecord, globalCase: number): void {
    if (!isPipelineRecord(record)) this.addCall(record);
    if (isStepRecord(record)) return;
    const local = this.#localCase(globalCase);
    if (record.status === 'ok') this.#addTiming(record);
    if (record.attempt === 1) this.#addSchedule(record);
    this.#addToSlot(record, local);
  }

  /** What one request sent cost and took: attempts, tokens, cost, and the cold/warm and gateway-cost figures. */
  addCall(record: AttemptRecord): void {
    this.attempts++;
    addPaid(this.cost, record, record.costUsd);
    addPaid(this.inputTokens, record, record.usage.inputTokens);
    addPaid(this.outputTokens, record, record.usage.outputTokens);
    if (record.usage.estimated) this.tokensEstimated = true;
    if (record.status === 'ok') (isWarmCache(record) ? this.ttftWarm : this.ttftCold).add(record.timing.ttftMs);
    if (record.listCostUsd !== undefined && record.gatewayCostUsd !== undefined && Number.isFinite(record.listCostUsd) && Number.isFinite(record.gatewayCostUsd)) {
      this.gatewayCostCalls++;
      this.listCostSum += record.listCostUsd;
      this.gatewayCostSum += record.gatewayCostUsd;
    }
  }

  #localCase(globalCase: number): number {
    const known = globalCase < this.localOf.length ? this.localOf.get(globalCase) : 0;
    if (known > 0) return known - 1;
    const local = this.caseGlobal.push(globalCase);
    this.localOf.set(globalCase, local + 1);
    return local;
  }

  #addTiming(record: AttemptRecord): void {
    const { timing } = record;
    this.ttft.add(timing.ttftMs);
    this.e2e.add(timing.e2eMs);
    this.outputTps.add(timing.outputTps);
    this.interChunkP50.add(timing.interChunkP50Ms);
    this.interChunkP99.add(timing.interChunkP99Ms);
    this.tpot.add(timing.tpotMs);
    this.ttftFromScheduled.add(timing.ttftFromScheduledMs);
    this.e2eFromScheduled.add(timing.e2eFromScheduledMs);
    if (timing.tokensPerChunk !== undefined && Number.isFinite(timing.tokensPerChunk)) {
      this.tokensPerChunkSum += timing.tokensPerChunk;
      this.tokensPerChunkCount++;
    }
  }

  #addSchedule(record: AttemptRecord): void {
    const schedule = record.schedule;
    if (!schedule) return;
    this.dispatchDelay.add(schedule.dispatchDelayMs);
    if (schedule.sentMs !== undefined && Number.isFinite(schedule.sentMs)) {
      this.sends++;
      this.firstSentMs = Math.min(this.firstSentMs, schedule.sentMs);
      this.lastSentMs = Math.max(this.lastSentMs, schedule.sentMs);
    }
  }

  #addToSlot(record: AttemptRecord, local: number): void {
    let slot = this.#findSlot(local, record.repeat);
    if (slot === undefined) {
      slot = this.slotCase.push(local);
      this.#slotAttempt.push(0);
      this.slotFlags.push(0);
      this.slotError.push(0);
      this.slotVerdict.push(verdictNone);
      this.#registerSlot(local, record.repeat, slot);
      this.#decide(slot, record);
    } else if (this.#decision === 'latest') {
      this.#decide(slot, record);
    } else if ((this.slotFlags.get(slot) & hasFinal) === 0 && (record.final || record.attempt > this.#slotAttempt.get(slot))) {
      // groupSlots: the attempt marked final decides, else the highest attempt (the first of equals).
      this.#decide(slot, record);
    }
    let flags = this.slotFlags.get(slot);
    if (record.attempt === 1 && (flags & firstSeen) === 0) {
      // A multi-call case answered at once only when none of its steps needed a retry.
      const answeredAtOnce = record.status === 'ok' && (record.pipeline === undefined || record.pipeline.attempts <= record.pipeline.steps);
      flags |= firstSeen | (answeredAtOnce ? firstOk : 0);
      this.slotFlags.set(slot, flags);
    }
  }

  #findSlot(local: number, repeat: number): number | undefined {
    if (Number.isInteger(repeat) && repeat >= 0) {
      if (repeat < small && local < large) return this.#slotByCase.get(local * small + repeat);
      if (local < small && repeat < large) return this.#slotByRepeat.get(repeat * small + local);
    }
    return this.#slotByText.get(`${local}:${repeat}`);
  }

  #registerSlot(local: number, repeat: number, slot: number): void {
    if (Number.isInteger(repeat) && repeat >= 0) {
      if (repeat < small && local < large) return void this.#slotByCase.set(local * small + repeat, slot);
      if (local < small && repeat < large) return void this.#slotByRepeat.set(repeat * small + local, slot);
    }
    this.#slotByText.set(`${local}:${repeat}`, slot);
  }

  /** Makes `record` the slot's deciding attempt. */
  #decide(slot: number, record: AttemptRecord): void {
    let flags = this.slotFlags.get(slot) & (firstSeen | firstOk);
    if (record.final && this.#decision === 'final') flags |= hasFinal;
    this.#slotAttempt.set(slot, record.attempt);
    if (record.status === 'ok') {
      flags |= outcomeOk;
      const score = record.score;
      this.slotVerdict.set(slot, score === undefined ? verdictNone : score.unscored ? verdictUnscored : score.passed ? verdictPassed : verdictFailed);
      // Only scored slots are stored: a run without scorers keeps no score array at all.
      if (score !== undefined || slot < this.slotScore.length) this.slotScore.set(slot, score?.score ?? 0);
    } else {
      this.slotError.set(slot, errorTypes.indexOf(record.error.type));
      this.slotVerdict.set(slot, verdictNone);
    }
    if (this.#slo) {
      const verdict = sloVerdict(record, this.#slo);
      if (verdict.met) flags |= sloMet;
      if (verdict.fromScheduled) flags |= sloFromScheduled;
    }
    this.slotFlags.set(slot, flags);
  }

  /** The slot's deciding attempt answered. */
  slotOk(slot: number): boolean {
    return (this.slotFlags.get(slot) & outcomeOk) !== 0;
  }

  /** Its attempt 1 was recorded and answered. */
  slotFirstOk(slot: number): boolean {
    return (this.slotFlags.get(slot) & firstOk) !== 0;
  }

  slotMetSlo(slot: number): boolean {
    return (this.slotFlags.get(slot) & sloMet) !== 0;
  }

  slotSloFromScheduled(slot: number): boolean {
    return (this.slotFlags.get(slot) & sloFromScheduled) !== 0;
  }

  slotErrorType(slot: number): ErrorType {
    return errorTypes[this.slotError.get(slot)]!;
  }
}
