import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';

/**
 * Points file descriptor 1 at stderr and returns a descriptor of the real stdout, or undefined
 * when that cannot be done (then nothing changed). Node has no dup2; POSIX `open` returns the
 * lowest free descriptor, so closing 1 and opening `/dev/fd/<stderr>` puts stderr there. Then a
 * write straight to descriptor 1 (a reporter's `fs.writeSync(1, …)`, a child process with
 * inherited stdio) lands on stderr, and `--json`'s document alone on stdout. `/dev/fd/N` is a
 * dup on macOS and a reopen on Linux (pipes, files, terminals; a socket cannot be reopened: then
 * nothing is moved).
 */
export function moveStdoutDescriptor(): number | undefined {
  let stdout: number | undefined;
  let stderr: number | undefined;
  try {
    stdout = openSync('/dev/fd/1', 'a');
    stderr = openSync('/dev/fd/2', 'a');
  } catch {
    for (const descriptor of [stdout, stderr]) if (descriptor !== undefined) closeSync(descriptor);
    return undefined;
  }
  // On Linux a reopened file has an offset of its own: with stderr a file (`2> log`), descriptor 2
  // would write over what descriptor 1 appended. Both append, then, and each write lands whole.
  if (fstatSync(2).isFile()) reopenAt(2, stderr);
  reopenAt(1, stderr);
  closeSync(stderr);
  return stdout;
}

/** Descriptor `target` closed and opened again as `/dev/fd/<source>`, appending (open takes the lowest free descriptor). */
function reopenAt(target: number, source: number): void {
  closeSync(target);
  const opened = openSync(`/dev/fd/${source}`, 'a');
  // Another thread took `target` in between (none should, this early): leave it rather than guess.
  if (opened !== target) closeSync(opened);
}

/** The whole of `text` written to `descriptor`, waiting out a non-blocking descriptor's EAGAIN. */
export function writeAll(descriptor: number, text: string): void {
  let buffer = Buffer.from(text);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (buffer.length > 0) {
    try {
      buffer = buffer.subarray(writeSync(descriptor, buffer));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}
