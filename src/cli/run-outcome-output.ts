import { qualityGateFailures, qualityGatePasses } from '../session/quality-gate.ts';
import { terminalSafe } from '../reports/terminal-safe.ts';
import type { RunOutcome } from '../session/run-eval.ts';
import { appendReportToStepSummary } from './append-step-summary.ts';
import { fitLine } from './fit-line.ts';
import { shortenMiddle } from '../reports/display-width.ts';
import { printGateLines, printReportPaths, printTables } from './print-reports.ts';
import { summaryOutput } from './summary-output.ts';
import { renderSweepTable } from '../reports/sweep-terminal.ts';

/**
 * What `run` prints once the run is done, and the modules that print it (the tables, the reports'
 * paths, the gates, the --json document): loaded by run-and-print.ts while the run goes on, not
 * before its first request.
 */
export { appendReportToStepSummary, printGateLines, qualityGateFailures, qualityGatePasses, summaryOutput };

/** The longest label in a line of prose (a STOPPED line), unless --wide: the table names the target too. */
const proseLabelWidth = 48;

/** 130 after Ctrl-C; 3 when the run's own rules ended it early; 4 when it failed a gate (--gate, --min-pass-rate, --max-drop); else 0. */
export function exitCodeOf(outcome: RunOutcome, interrupted: boolean, gateFailures: readonly string[]): number {
  if (interrupted) return 130;
  if (outcome.stoppedTargets.length > 0 || outcome.budgetReached) return 3;
  if (gateFailures.length > 0) return 4;
  return 0;
}

/** What happened: the tables within `width` columns (Infinity with --wide), the lines within `lineWidth`. */
export function printOutcome(outcome: RunOutcome, width: number, lineWidth: number): void {
  if (outcome.sweep) return printSweep(outcome, width, lineWidth);
  if (outcome.resumed) {
    console.log(
      fitLine(`Resumed: ${outcome.resumed.slotsAlreadyDone === 1 ? '1 request was' : `${outcome.resumed.slotsAlreadyDone} requests were`} already answered and not sent again` +
        (outcome.resumed.droppedTornLine ? '; a half-written last line of results.jsonl was dropped.' : '.'), lineWidth),
    );
  }
  printTables(outcome.summaries, outcome.comparisons, outcome.targets.filter((target) => target.simulated).map((target) => target.label), {
    width,
    wide: width === Infinity,
    records: outcome.records,
    stoppedTargets: outcome.stoppedTargets,
    ...(outcome.harness ? { harness: outcome.harness } : {}),
    ...(outcome.openLoop ? { openLoop: true } : {}),
  });
  // The reason may quote a server's message: inert, with no line break of its own; wrapped to the
  // width (a script reads the reason whole in --json's stoppedTargets), the label cut in its middle.
  for (const { target, reason } of outcome.stoppedTargets) {
    const label = terminalSafe(target, { oneLine: true });
    console.log(fitLine(`\nSTOPPED ${lineWidth === Infinity ? label : shortenMiddle(label, proseLabelWidth)}: ${terminalSafe(reason, { oneLine: true })}`, lineWidth));
  }
  if (outcome.budgetReached) console.log(fitLine('\nBUDGET: scheduling stopped before --max-cost could be passed.', lineWidth));
  printReportPaths(outcome.folder, outcome.reportPaths, outcome.incomplete, lineWidth);
}

/** A sweep: the curve instead of one run's tables (each step's are in its own folder), then the sweep's files. */
function printSweep(outcome: RunOutcome, width: number, lineWidth: number): void {
  const curve = outcome.sweep!;
  console.log(`\n${renderSweepTable(curve, { width })}`);
  for (const { target, reason } of outcome.stoppedTargets) {
    const label = terminalSafe(target, { oneLine: true });
    console.log(fitLine(`\nSTOPPED ${lineWidth === Infinity ? label : shortenMiddle(label, proseLabelWidth)}: ${terminalSafe(reason, { oneLine: true })}`, lineWidth));
  }
  if (outcome.budgetReached) console.log(fitLine('\nBUDGET: a step stopped scheduling before --max-cost could be passed; the sweep ended there.', lineWidth));
  console.log(fitLine(`\nSweep in ${outcome.folder}:`, lineWidth, { keepWords: true }));
  for (const path of outcome.reportPaths) console.log(`  ${path}`);
  console.log(fitLine(`  each step's own run: ${outcome.folder}/step-<k>-…/`, lineWidth, { keepWords: true }));
  if (outcome.incomplete) console.log(fitLine('\nThe sweep is INCOMPLETE: a sweep is not resumed; run it again, or complete a step with --resume <its folder>.', lineWidth, { keepWords: true }));
}
