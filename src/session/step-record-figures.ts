import { isPipelineRecord, isStepRecord, type AttemptRecord } from '../records/index.ts';
import { scanResults } from '../records/read-results.ts';
import { pairKey, sloVerdict, type SloObjective } from '../stats/index.ts';

/**
 * What a sweep step's curve takes from every record of one (target, prompt), gathered a record at
 * a time: a step past 50,000 records holds only a sample of them (its reports are streamed), and a
 * sample's tokens over the whole step's span would understate its throughput several times.
 */
export class PairRecordFigures {
  private firstSend = Infinity;
  private lastSend = -Infinity;
  private sends = 0;
  private spanStart = Infinity;
  private spanEnd = -Infinity;
  private tokens = 0;
  private finals = 0;
  private met = 0;
  private readonly byCase = new Map<string, { met: number; slots: number }>();
  private readonly slo: readonly SloObjective[];

  constructor(slo: readonly SloObjective[]) {
    this.slo = slo;
  }

  add(record: AttemptRecord): void {
    // What was sent: every attempt, a multi-call case's steps included, never the case's own record
    // (it repeats its steps' usage). What a case got: its own record, never a step's.
    if (!isPipelineRecord(record)) this.addSent(record);
    if (record.final && !isStepRecord(record) && this.slo.length > 0) this.addFinal(record);
  }

  /** First attempts sent per second: (n − 1) over the span from the first send to the last. */
  get sendRate(): number | undefined {
    const span = this.lastSend - this.firstSend;
    return this.sends >= 2 && span > 0 ? ((this.sends - 1) * 1000) / span : undefined;
  }

  /** Every answer's output tokens over the step's span: the first send to the last answer's end. */
  get outputTokensPerSecond(): number | undefined {
    return this.spanEnd > this.spanStart && this.tokens > 0 ? (this.tokens * 1000) / (this.spanEnd - this.spanStart) : undefined;
  }

  /** Goodput by the summary's rule: each slot judged by its final attempt, cases as the unit. */
  get goodput(): { finals: number; met: number; caseShares: number[]; repeats: number } {
    const counts = [...this.byCase.values()];
    return {
      finals: this.finals,
      met: this.met,
      caseShares: counts.map((count) => count.met / count.slots),
      repeats: Math.max(1, ...counts.map((count) => count.slots)),
    };
  }

  private addSent(record: AttemptRecord): void {
    const sent = record.schedule?.sentMs;
    if (sent === undefined || !Number.isFinite(sent)) return;
    if (record.attempt === 1) {
      this.sends++;
      this.firstSend = Math.min(this.firstSend, sent);
      this.lastSend = Math.max(this.lastSend, sent);
    }
    this.spanStart = Math.min(this.spanStart, sent);
    if (record.status !== 'ok' || record.timing.e2eMs === undefined) return;
    this.spanEnd = Math.max(this.spanEnd, sent + record.timing.e2eMs);
    this.tokens += record.usage.outputTokens ?? 0;
  }

  private addFinal(record: AttemptRecord): void {
    const key = `${record.dataset ?? ''}\u0000${record.caseId}`;
    const counts = this.byCase.get(key) ?? { met: 0, slots: 0 };
    counts.slots += 1;
    this.finals += 1;
    if (sloVerdict(record, this.slo).met) {
      counts.met += 1;
      this.met += 1;
    }
    this.byCase.set(key, counts);
  }
}

/** Per (target, prompt), keyed by stats' pairKey. */
export type StepRecordFigures = Map<string, PairRecordFigures>;

/** The figures of records held in memory. */
export function stepRecordFigures(records: Iterable<AttemptRecord>, slo: readonly SloObjective[]): StepRecordFigures {
  const figures: StepRecordFigures = new Map();
  for (const record of records) addTo(figures, record, slo);
  return figures;
}

/** The figures of a step's results.jsonl, read a record at a time. */
export async function stepRecordFiguresOf(path: string, slo: readonly SloObjective[]): Promise<StepRecordFigures> {
  const figures: StepRecordFigures = new Map();
  await scanResults(path, (record) => addTo(figures, record, slo));
  return figures;
}

function addTo(figures: StepRecordFigures, record: AttemptRecord, slo: readonly SloObjective[]): void {
  const key = pairKey(record);
  let pair = figures.get(key);
  if (!pair) figures.set(key, (pair = new PairRecordFigures(slo)));
  pair.add(record);
}
