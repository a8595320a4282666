import { workerOptions } from '../config/worker-options.ts';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { DatasetError } from '../config/errors.ts';
import { startMockServerOnThisThread, type MockServer, type MockServerOptions } from './mock-server.ts';
import type { MockWorkerReply, MockWorkerRequest } from './mock-worker.ts';
import type { MockRequestRecord } from './request-record.ts';

const snapshotTimeoutMs = 5_000;

/**
 * Worker threads whose simulator has closed, kept for the next one. Starting a thread per
 * simulator and ending it afterwards crashed V8 (Node 24.21) in about 2 of 100 runs of test files
 * that start a simulator per test: a thread freed WebAssembly code (Node's type stripper, shared
 * between threads) that was already gone (see README, "Development"). Kept threads also spare
 * each simulator loading the sources again.
 */
const idleWorkers: Worker[] = [];
/** Beyond this many idle threads, a closed simulator's thread ends: each holds its own heap. */
const maxIdleWorkers = 8;

/**
 * Starts the simulator. By default it serves from a worker thread: ground truth must not depend
 * on how busy the caller is, and a benchmark harness in the same process is very busy.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  if (options.thread === 'main') return startMockServerOnThisThread(options);
  const worker = takeWorker();
  const { port1: snapshotPort, port2: workerSnapshotPort } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const start: MockWorkerRequest = { type: 'start', options: { ...options, thread: 'main' }, snapshotPort: workerSnapshotPort, signal };
  worker.postMessage(start, [workerSnapshotPort]);
  const ready = await nextReply(worker);
  if (ready.type !== 'ready') {
    snapshotPort.close();
    await releaseWorker(worker);
    throw rebuildError(ready);
  }
  let closed: Promise<void> | undefined;
  // What the server had served when it closed: requests() still answers after close().
  let finalRecords: MockRequestRecord[] = [];
  const server: MockServer = {
    url: ready.url,
    port: ready.port,
    requests(): MockRequestRecord[] {
      if (closed) return finalRecords.map((record) => ({ ...record }));
      Atomics.store(signal, 0, 0);
      snapshotPort.postMessage('snapshot');
      Atomics.wait(signal, 0, 0, snapshotTimeoutMs);
      return (receiveMessageOnPort(snapshotPort)?.message as MockRequestRecord[] | undefined) ?? [];
    },
    close() {
      if (!closed) finalRecords = server.requests();
      closed ??= (async () => {
        worker.postMessage({ type: 'close' } satisfies MockWorkerRequest);
        const reply = await nextReply(worker).catch(() => undefined);
        snapshotPort.close();
        // A thread that failed to close its server is not reused.
        if (reply?.type === 'closed') await releaseWorker(worker);
        else await worker.terminate();
      })();
      return closed;
    },
  };
  return server;
}

function takeWorker(): Worker {
  const idle = idleWorkers.pop();
  if (idle) {
    idle.ref();
    return idle;
  }
  const worker = new Worker(new URL('./mock-worker.ts', import.meta.url), workerOptions());
  worker.once('exit', () => {
    const index = idleWorkers.indexOf(worker);
    if (index >= 0) idleWorkers.splice(index, 1);
  });
  return worker;
}

/** Keeps the thread for the next simulator, unless enough are kept. An idle thread must not keep the process alive. */
async function releaseWorker(worker: Worker): Promise<void> {
  if (idleWorkers.length >= maxIdleWorkers) {
    await worker.terminate();
    return;
  }
  worker.unref();
  idleWorkers.push(worker);
}

/** The worker's next reply; its error or exit rejects. */
function nextReply(worker: Worker): Promise<MockWorkerReply> {
  return new Promise((resolve, reject) => {
    const settle = (action: () => void) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      action();
    };
    const onMessage = (reply: MockWorkerReply) => settle(() => resolve(reply));
    const onError = (error: Error) => settle(() => reject(error));
    const onExit = (code: number) => settle(() => reject(new Error(`the simulator's thread exited with code ${code}`)));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

function rebuildError(reply: MockWorkerReply): Error {
  if (reply.type !== 'failed') return new Error(`mock worker: unexpected ${reply.type}`);
  if (reply.problems) return new DatasetError(reply.problems);
  const error: NodeJS.ErrnoException = new Error(reply.message);
  error.name = reply.name;
  if (reply.code !== undefined) error.code = reply.code;
  return error;
}
