/**
 * A child process for tests of the "quitting now" paths: it installs `run`'s interrupt handlers
 * (no drain, a grace of `graceSeconds`), and, with `--stuck FIFO`, ties up a libuv threadpool
 * thread in `open()` of a FIFO that no one ever writes to, as `run` once was on a FIFO dataset.
 * At exit, libuv waits for that thread, so `process.exit` alone never returns.
 *
 *   node stuck-in-threadpool.ts <graceSeconds> [--stuck <fifo>]
 */
import { open } from 'node:fs/promises';
import { installInterruptHandlers } from '../../src/cli/interrupt-handlers.ts';

const [graceSeconds, flag, fifo] = process.argv.slice(2);
installInterruptHandlers(0, { graceSeconds: Number(graceSeconds) });
if (flag === '--stuck' && fifo) {
  // Never settles: the open waits for a writer.
  void open(fifo).catch(() => undefined);
}
// Busy as a run is: something keeps the event loop alive until a signal ends it.
setInterval(() => {}, 1000);
console.log('ready');
