import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { DatasetError } from '../config/errors.ts';
import { startMockServerOnThisThread, type MockServerOptions } from './mock-server.ts';

/** Worker side of `startMockServer`: runs the server here and answers the parent's requests. */
type WorkerInput = { options: MockServerOptions; snapshotPort: MessagePort; signal: Int32Array };

const { options, snapshotPort, signal } = workerData as WorkerInput;
const parent = parentPort!;

try {
  const server = await startMockServerOnThisThread(options);
  // The parent blocks in Atomics.wait until the snapshot is posted: requests() stays synchronous.
  snapshotPort.on('message', () => {
    snapshotPort.postMessage(server.requests());
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
  parent.on('message', async (message: { type: 'close' }) => {
    if (message.type !== 'close') return;
    await server.close();
    snapshotPort.close();
    parent.postMessage({ type: 'closed' });
  });
  parent.postMessage({ type: 'ready', url: server.url, port: server.port });
} catch (error) {
  parent.postMessage({
    type: 'failed',
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
    code: (error as NodeJS.ErrnoException).code,
    problems: error instanceof DatasetError ? error.problems : undefined,
  });
}
