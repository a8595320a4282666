import { join } from 'node:path';
import type { AttemptRecord } from '../records/index.ts';
import type { ReconciledGeneration, Reconciliation } from '../records/reconciliation.ts';
import { reconciliationFileName } from '../reports/read-reconciliation.ts';
import { writeFileAtomic } from '../reports/write-file-atomic.ts';
import type { Target } from '../targets/index.ts';
import { sampleGenerations, type ReconcilableRecord } from './reconcile-sample.ts';

export type ReconcileInputs = {
  /** Generations per target (--reconcile N). */
  sample: number;
  /** The run's seed: the same run asks about the same generations. */
  seed: number;
  /** This run's records (a resumed run's earlier ones too, if their generations are still the gateway's). */
  records: readonly AttemptRecord[];
  /** Every target a record may name, step targets included. */
  targets: readonly Target[];
  redact: (text: string) => string;
  /** Injected for tests. */
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
  /** Per request; default 15 s. */
  timeoutMs?: number;
};

/** Requests to the gateway at once: a sample of a few hundred must not look like a flood. */
const concurrency = 4;
const maxMessageCharacters = 500;

/**
 * --reconcile N, after the run: the AI Gateway's own record (getGenerationInfo) of up to N
 * generations per gateway target, beside what the harness measured and priced. A generation that
 * cannot be fetched is a row of `failures`, never an exception: the run's results stand.
 * Undefined, with a notice, when the run has no gateway target.
 */
export async function reconcileGenerations(inputs: ReconcileInputs): Promise<{ reconciliation?: Reconciliation; notice: string }> {
  const gatewayTargets = new Map(inputs.targets.flatMap((target) => (target.generationInfo ? [[target.label, target] as const] : [])));
  if (gatewayTargets.size === 0) return { notice: '--reconcile: no AI Gateway target in this run, so nothing to reconcile' };
  const fetchedAt = (inputs.now ?? (() => new Date()))().toISOString();
  const sampled = [...sampleGenerations(inputs.records, inputs.sample, inputs.seed)].filter(([target]) => gatewayTargets.has(target));
  const jobs = sampled.flatMap(([target, records]) => records.map((record) => ({ target: gatewayTargets.get(target)!, record })));
  const rows: Array<ReconciledGeneration | undefined> = new Array(jobs.length);
  const failures: Array<Reconciliation['failures'][number] & { index: number }> = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      const { target, record } = jobs[index]!;
      try {
        const info = await target.generationInfo!(record.generationId, timedFetch(inputs.fetch ?? globalThis.fetch, inputs.timeoutMs ?? 15_000));
        rows[index] = rowOf(target.label, record, info);
      } catch (error) {
        const message = inputs.redact(error instanceof Error ? error.message : String(error)).slice(0, maxMessageCharacters);
        failures.push({ index, target: target.label, generationId: record.generationId, message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  const reconciliation: Reconciliation = {
    fetchedAt,
    sample: inputs.sample,
    rows: rows.filter((row): row is ReconciledGeneration => row !== undefined),
    failures: failures.sort((left, right) => left.index - right.index).map(({ index: _index, ...failure }) => failure),
  };
  return { reconciliation, notice: noticeOf(reconciliation, jobs.length) };
}

/** reconcileGenerations, then reconciliation.json in the run folder (when the run has a gateway target). */
export async function reconcileRun(folder: string, inputs: ReconcileInputs): Promise<{ path?: string; notice: string }> {
  const { reconciliation, notice } = await reconcileGenerations(inputs);
  if (!reconciliation) return { notice };
  const path = join(folder, reconciliationFileName);
  await writeFileAtomic(path, `${JSON.stringify(reconciliation, null, 2)}\n`);
  return { path, notice };
}

function rowOf(target: string, record: ReconcilableRecord, info: Awaited<ReturnType<NonNullable<Target['generationInfo']>>>): ReconciledGeneration {
  return {
    target,
    caseId: record.caseId,
    ...(record.dataset !== undefined ? { dataset: record.dataset } : {}),
    repeat: record.repeat,
    ...(record.step !== undefined ? { step: record.step } : {}),
    generationId: record.generationId,
    ...(record.timing.ttftMs !== undefined ? { ttftMs: record.timing.ttftMs } : {}),
    ...(record.timing.e2eMs !== undefined ? { e2eMs: record.timing.e2eMs } : {}),
    gatewayLatencyMs: info.latency,
    gatewayGenerationTimeMs: info.generationTime,
    ...(record.listCostUsd !== undefined ? { listCostUsd: record.listCostUsd } : {}),
    ...(record.gatewayCostUsd !== undefined ? { reportedCostUsd: record.gatewayCostUsd } : {}),
    gatewayTotalCostUsd: info.totalCost,
    providerName: info.providerName.slice(0, 200),
    isByok: info.isByok,
  };
}

function timedFetch(fetch: typeof globalThis.fetch, timeoutMs: number): typeof globalThis.fetch {
  return (url, init) => fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs) });
}

function noticeOf(reconciliation: Reconciliation, asked: number): string {
  if (asked === 0) return '--reconcile: no answered AI Gateway call carried a generation id, so nothing was fetched';
  const failed = reconciliation.failures.length;
  return `--reconcile: the AI Gateway's record of ${reconciliation.rows.length} of ${asked} generations fetched${failed > 0 ? ` (${failed} failed: see failures)` : ''}: ${reconciliationFileName}`;
}
