import { setFlagsFromString } from 'node:v8';

let guarded = false;

/**
 * Regular expressions from a dataset (the `regex` scorer) or an answer book run on text from
 * outside: `^(a+)+$` on forty `a` and a `!` backtracks for hours, on the main thread, where not
 * even SIGTERM is handled. V8 can move a regex that backtracks past its bound (50,000 by default)
 * to its linear-time engine, with the same result: `^(a+)+$` then fails in 3 ms. Process-wide,
 * and called before the first such regex is built; a regex that engine cannot run (one with a
 * backreference or a lookaround) still backtracks.
 */
export function guardRegexpBacktracking(): void {
  if (guarded) return;
  setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  guarded = true;
}
