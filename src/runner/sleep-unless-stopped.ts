/** Resolves after the wait, or early when the signal aborts (never throws). */
export type Sleep = (milliseconds: number, signal?: AbortSignal) => Promise<void>;

/** False when the signal ended the wait early (or had already ended it). */
export async function sleepUnlessStopped(sleep: Sleep, milliseconds: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return false;
  await sleep(milliseconds, signal);
  return !(signal?.aborted ?? false);
}
