/**
 * Calls `onSilence` once nothing has happened for `timeoutMs`, judged by `lastActivity` (a time
 * on `now`'s clock, such as the transport worker's arrival stamps), not by when this thread got to
 * hear of it. On a busy machine this thread's event loop can be held up for longer than the
 * timeout; when it resumes, Node runs the timers that came due before it reads the messages that
 * arrived meanwhile. A timer that aborted at once would blame the provider for the harness's own
 * delay, so the verdict waits one turn (`setImmediate`, after pending I/O is delivered) and then
 * looks at the stamps.
 */
export function watchSilence(
  timeoutMs: number,
  lastActivity: () => number,
  onSilence: () => void,
  now: () => number = () => performance.now(),
): { stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let stopped = false;
  const judge = () => {
    immediate = undefined;
    if (stopped) return;
    const silentFor = now() - lastActivity();
    if (silentFor >= timeoutMs) {
      stopped = true;
      onSilence();
    } else {
      timer = setTimeout(dueAgain, timeoutMs - silentFor);
    }
  };
  const dueAgain = () => {
    timer = undefined;
    immediate = setImmediate(judge);
  };
  timer = setTimeout(dueAgain, Math.max(0, timeoutMs - (now() - lastActivity())));
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    },
  };
}
