import type { ScorerFactory } from './scorer.ts';

function check(name: string, measured: number | undefined, bound: number | undefined): string | undefined {
  if (bound === undefined) return undefined;
  if (measured === undefined) return `${name} unknown (needed <= ${bound} ms)`;
  return measured <= bound ? undefined : `${name} ${Math.round(measured)} ms > ${bound} ms`;
}

/** Time to first token and/or end-to-end time under a bound; an unmeasured figure fails, it is not assumed fast. */
export const latency: ScorerFactory<'latency'> = (assertion) => ({ ttftMs, e2eMs }) => {
  const failures = [check('ttft', ttftMs, assertion.ttft_ms), check('e2e', e2eMs, assertion.e2e_ms)].filter((failure) => failure !== undefined);
  const passed = failures.length === 0;
  const measured = [ttftMs !== undefined && `ttft ${Math.round(ttftMs)} ms`, e2eMs !== undefined && `e2e ${Math.round(e2eMs)} ms`].filter(Boolean);
  return { score: passed ? 1 : 0, passed, reason: passed ? `${measured.join(', ')} within bounds` : failures.join('; ') };
};
