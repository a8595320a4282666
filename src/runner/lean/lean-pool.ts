import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { transportWorkerLimits, workerOptions } from '../../config/worker-options.ts';
import { registerHarnessWorker } from '../harness-workers.ts';
import type { LeanOutcome, LeanRequest } from './lean-messages.ts';

type PoolWorker = { worker: Worker; inFlight: number; ready: Promise<void> };

/**
 * The lean engine's worker threads, one per core, created on the first request. A worker is
 * unref'd while it carries nothing, so that the process ends when the run does.
 */
export type LeanPool = {
  /** Sends one request; resolves with its one outcome. `abort` ends it early (the run's interrupt). */
  send(request: Omit<Extract<LeanRequest, { type: 'request' }>, 'type' | 'id'>, abort?: AbortSignal): Promise<LeanOutcome>;
  /** Starts the workers, if they are not running, and resolves once each has loaded and listens. */
  ready(): Promise<void>;
  close(): Promise<void>;
};

export function createLeanPool(size = availableParallelism()): LeanPool {
  let workers: PoolWorker[] | undefined;
  const pending = new Map<number, { resolve: (outcome: LeanOutcome) => void; owner: PoolWorker }>();
  let nextId = 1;

  const start = (): PoolWorker[] => {
    workers ??= Array.from({ length: Math.max(1, size) }, () => {
      const worker = new Worker(new URL('./lean-worker.ts', import.meta.url), workerOptions(transportWorkerLimits));
      let markReady = () => {};
      const entry: PoolWorker = { worker, inFlight: 0, ready: new Promise<void>((resolve) => (markReady = resolve)) };
      worker.on('message', (outcome: LeanOutcome | { type: 'ready' }) => {
        if ('type' in outcome) {
          markReady();
          return;
        }
        const waiting = pending.get(outcome.id);
        if (!waiting) return;
        pending.delete(outcome.id);
        if (--entry.inFlight === 0) worker.unref();
        waiting.resolve(outcome);
      });
      // A worker that fails or exits takes its requests with it: each ends as a network failure,
      // never a hang, and the next request goes to a worker that runs.
      const fail = (error: { name: string; message: string }) => {
        if (workers?.includes(entry)) workers = workers.length > 1 ? workers.filter((other) => other !== entry) : undefined;
        for (const [id, waiting] of pending) {
          if (waiting.owner !== entry) continue;
          pending.delete(id);
          waiting.resolve({ id, chunks: 0, extraction: { output: '', contentTimes: [], contentCharacters: [] }, transportError: { name: error.name, message: error.message } });
        }
      };
      worker.on('error', (error) => fail(error));
      worker.on('exit', (code) => {
        markReady();
        fail({ name: 'WorkerExitError', message: `the lean engine's worker thread exited (code ${code})` });
      });
      worker.unref();
      registerHarnessWorker(worker);
      return entry;
    });
    return workers;
  };

  return {
    send(request, abort) {
      // The least busy worker: streams differ in length, so turns alone would pile up.
      const owner = start().reduce((best, entry) => (entry.inFlight < best.inFlight ? entry : best));
      const id = nextId++;
      if (owner.inFlight++ === 0) owner.worker.ref();
      return new Promise<LeanOutcome>((resolve) => {
        const onAbort = () => owner.worker.postMessage({ type: 'abort', id } satisfies LeanRequest);
        pending.set(id, {
          owner,
          resolve: (outcome) => {
            abort?.removeEventListener('abort', onAbort);
            resolve(outcome);
          },
        });
        abort?.addEventListener('abort', onAbort, { once: true });
        owner.worker.postMessage({ type: 'request', id, ...request } satisfies LeanRequest);
        if (abort?.aborted) onAbort();
      });
    },
    async ready() {
      const entries = start();
      // Held while loading (they idle unref'd): the process must not end while the run waits for them.
      for (const { worker } of entries) worker.ref();
      try {
        await Promise.all(entries.map((entry) => entry.ready));
      } finally {
        for (const entry of entries) if (entry.inFlight === 0) entry.worker.unref();
      }
    },
    async close() {
      const running = workers ?? [];
      workers = undefined;
      await Promise.all(running.map(({ worker }) => worker.terminate()));
    },
  };
}
