import { terminalSafe } from '../reports/terminal-safe.ts';
import type { TargetSummary } from '../stats/index.ts';

/**
 * `--min-pass-rate`: what fails the gate, one line per (target, prompt). A target with no scored
 * answer fails it too: a run in which nothing could be checked has not shown the prompts pass.
 */
export function qualityGateFailures(summaries: readonly TargetSummary[], minPassRate: number | undefined): string[] {
  if (minPassRate === undefined) return [];
  return summaries.flatMap((summary) => {
    // Printed one line each: a label cannot add lines of its own.
    const label = terminalSafe(summary.prompt === 'default' ? summary.target : `${summary.target} (${summary.prompt})`, { oneLine: true });
    if (summary.passRate === undefined) return [`${label}: no scored answer (${summary.unanswered} unanswered, ${summary.notSent} not sent)`];
    if (summary.passRate >= minPassRate) return [];
    return [`${label}: pass rate ${(summary.passRate * 100).toFixed(1)}% (${summary.passed} of ${summary.scored}) is below ${(minPassRate * 100).toFixed(1)}%`];
  });
}
