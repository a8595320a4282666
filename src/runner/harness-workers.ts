import type { Worker } from 'node:worker_threads';

/**
 * The worker threads that carry the run's requests (the SDK engine's transport worker, the lean
 * engine's pool): the harness monitor reads how busy each one was. A worker registers itself when
 * it is created, and is forgotten when it exits.
 */
const workers = new Set<Worker>();

export function registerHarnessWorker(worker: Worker): void {
  workers.add(worker);
  worker.once('exit', () => workers.delete(worker));
}

export function harnessWorkers(): readonly Worker[] {
  return [...workers];
}
