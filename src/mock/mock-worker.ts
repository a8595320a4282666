import { parentPort, type MessagePort } from 'node:worker_threads';
import { DatasetError } from '../config/errors.ts';
import { startMockServerOnThisThread, type MockServer, type MockServerOptions } from './mock-server.ts';

/**
 * Worker side of `startMockServer`. A worker serves one simulator at a time and, once that one is
 * closed, waits for the next: `startMockServer` keeps finished workers for reuse.
 */
export type MockWorkerRequest =
  | { type: 'start'; options: MockServerOptions; snapshotPort: MessagePort; signal: Int32Array }
  | { type: 'close' };

export type MockWorkerReply =
  | { type: 'ready'; url: string; port: number }
  | { type: 'closed' }
  | { type: 'failed'; name: string; message: string; code?: string; problems?: string[] };

const parent = parentPort!;
let current: MockServer | undefined;

parent.on('message', async (message: MockWorkerRequest) => {
  if (message.type === 'start') parent.postMessage(await start(message));
  else if (current) {
    const server = current;
    current = undefined;
    await server.close();
    parent.postMessage({ type: 'closed' } satisfies MockWorkerReply);
  }
});

async function start({ options, snapshotPort, signal }: Extract<MockWorkerRequest, { type: 'start' }>): Promise<MockWorkerReply> {
  try {
    const server = await startMockServerOnThisThread(options);
    // The parent blocks in Atomics.wait until the snapshot is posted: requests() stays synchronous.
    snapshotPort.on('message', () => {
      snapshotPort.postMessage(server.requests());
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
    });
    current = server;
    return { type: 'ready', url: server.url, port: server.port };
  } catch (error) {
    return {
      type: 'failed',
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
      code: (error as NodeJS.ErrnoException).code,
      problems: error instanceof DatasetError ? error.problems : undefined,
    };
  }
}
