import { shortenMiddle } from '../reports/display-width.ts';
import { terminalSafe } from '../reports/terminal-safe.ts';
import type { GateResult } from '../stats/gates/index.ts';

/** Widest label a gate line shows whole; a longer one is cut in its middle (report.md and report.html show it whole). */
const labelColumns = 64;

/** The (target, prompt) a result is about, made one inert line: a label cannot add lines of its own. */
function labelOf(result: GateResult): string {
  return shortenMiddle(terminalSafe(result.prompt === 'default' ? result.target : `${result.target} (${result.prompt})`, { oneLine: true }), labelColumns);
}

/**
 * What the gates failed, one line per (gate, target, prompt): `GATE FAILED pass_rate >= 0.9:
 * gpt-4o-mini: pass rate 66.7% (20 of 30 cases); 95% upper bound 80.9% is below 90.0% (…)`.
 * A target with nothing to test fails too: a run that checked nothing has not shown it passes.
 */
export function qualityGateFailures(results: readonly GateResult[]): string[] {
  return results.filter((result) => !result.passed).map((result) => `GATE FAILED ${result.gate}: ${labelOf(result)}: ${terminalSafe(result.line, { oneLine: true })}`);
}

/** What the gates passed, each with its evidence, and the power warning of one that would often miss a bad run. */
export function qualityGatePasses(results: readonly GateResult[]): string[] {
  return results
    .filter((result) => result.passed)
    .map((result) => {
      const line = `GATE PASSED ${result.gate}: ${labelOf(result)}: ${terminalSafe(result.line, { oneLine: true })}`;
      return result.warning === undefined ? line : `${line}\n  WARNING: ${terminalSafe(result.warning, { oneLine: true })}`;
    });
}
