import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { DatasetError } from '../config/errors.ts';
import { startMockServerOnThisThread, type MockServer, type MockServerOptions } from './mock-server.ts';
import type { MockRequestRecord } from './request-record.ts';

type WorkerReply =
  | { type: 'ready'; url: string; port: number }
  | { type: 'closed' }
  | { type: 'failed'; name: string; message: string; code?: string; problems?: string[] };

const snapshotTimeoutMs = 5_000;

/**
 * Starts the simulator. By default it serves from a worker thread: ground truth must not depend
 * on how busy the caller is, and a benchmark harness in the same process is very busy.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  if (options.thread === 'main') return startMockServerOnThisThread(options);
  const { port1: snapshotPort, port2: workerSnapshotPort } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./mock-worker.ts', import.meta.url), {
    workerData: { options: { ...options, thread: 'main' }, snapshotPort: workerSnapshotPort, signal },
    transferList: [workerSnapshotPort],
  });
  const ready = await new Promise<WorkerReply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (ready.type !== 'ready') {
    await worker.terminate();
    snapshotPort.close();
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
        const done = new Promise<void>((resolve) => {
          worker.on('message', (message: WorkerReply) => message.type === 'closed' && resolve());
          worker.once('exit', () => resolve());
        });
        worker.postMessage({ type: 'close' });
        await done;
        snapshotPort.close();
        await worker.terminate();
      })();
      return closed;
    },
  };
  return server;
}

function rebuildError(reply: WorkerReply): Error {
  if (reply.type !== 'failed') return new Error(`mock worker: unexpected ${reply.type}`);
  if (reply.problems) return new DatasetError(reply.problems);
  const error: NodeJS.ErrnoException = new Error(reply.message);
  error.name = reply.name;
  if (reply.code !== undefined) error.code = reply.code;
  return error;
}
