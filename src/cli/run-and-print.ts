import type { EvalSettings } from '../config/settings/eval-settings.ts';
import type { SettingNames } from '../config/settings/setting-names.ts';
import { qualityGateFailures, qualityGatePasses } from '../session/quality-gate.ts';
import { terminalSafe } from '../reports/terminal-safe.ts';
import { prioritizeTransport } from '../runner/index.ts';
import { runEval, type RunOutcome } from '../session/index.ts';
import { appendReportToStepSummary } from './append-step-summary.ts';
import { installInterruptHandlers } from './interrupt-handlers.ts';
import { outputWidth } from './output-width.ts';
import { printReportPaths, printTables } from './print-reports.ts';
import { inertJson, reserveStdoutForJson } from './stdout-for-json.ts';
import { summaryOutput } from './summary-output.ts';
import { startLiveProgress } from './progress/index.ts';

/** Runs the eval through the core, prints what happened, and sets the exit code (see README). */
export async function runAndPrint(settings: EvalSettings, command: { resume?: string | undefined; force?: boolean | undefined; names?: SettingNames }): Promise<RunOutcome> {
  // Until the run starts sending, a signal (while a custom scorer is still importing, say) ends
  // the process at once with 130: there is nothing to drain.
  const interruption = installInterruptHandlers(settings.drainSeconds, { loading: true });
  // --json: from here on, stdout is the document's alone; the rest goes to stderr.
  const writeJson = settings.json ? reserveStdoutForJson() : undefined;
  prioritizeTransport();
  // Its line is erased when the run finishes, before the summary below is printed.
  const progress = startLiveProgress({ quiet: settings.quiet, maxCost: settings.maxCost, environment: process.env });
  try {
    const outcome = await runEval(settings, {
      cwd: process.cwd(),
      environment: process.env,
      argv: process.argv.slice(2),
      resume: command.resume,
      force: command.force ?? false,
      names: command.names,
      stop: interruption.stop,
      interrupt: interruption.interrupt,
      onSending: interruption.sending,
      onNotice: (message) => console.log(message),
      onEvent: progress.onEvent,
    });
    // In a GitHub Actions job, report.md goes to the job's summary page too; a failure is a warning.
    await appendReportToStepSummary(outcome.reportPaths);
    printOutcome(outcome, outputWidth(settings.json ? process.stderr : process.stdout, settings.wide));
    const gateFailures = qualityGateFailures(outcome.gates);
    const lines = [...qualityGatePasses(outcome.gates), ...gateFailures];
    if (lines.length > 0) console.log(`\n${lines.join('\n')}`);
    process.exitCode = exitCodeOf(outcome, interruption.stop.aborted, gateFailures);
    await writeJson?.(inertJson(await summaryOutput(outcome, { exitCode: process.exitCode, interrupted: interruption.stop.aborted })));
    return outcome;
  } finally {
    progress.stop();
    interruption.dispose();
  }
}

/** 130 after Ctrl-C; 3 when the run's own rules ended it early; 4 when it failed a gate (--gate, --min-pass-rate, --max-drop); else 0. */
function exitCodeOf(outcome: RunOutcome, interrupted: boolean, gateFailures: readonly string[]): number {
  if (interrupted) return 130;
  if (outcome.stoppedTargets.length > 0 || outcome.budgetReached) return 3;
  if (gateFailures.length > 0) return 4;
  return 0;
}

/** What happened, within `width` columns (Infinity with --wide). */
function printOutcome(outcome: RunOutcome, width: number): void {
  if (outcome.resumed) {
    console.log(
      `Resumed: ${outcome.resumed.slotsAlreadyDone === 1 ? '1 request was' : `${outcome.resumed.slotsAlreadyDone} requests were`} already answered and not sent again` +
        (outcome.resumed.droppedTornLine ? '; a half-written last line of results.jsonl was dropped.' : '.'),
    );
  }
  printTables(outcome.summaries, outcome.comparisons, outcome.targets.filter((target) => target.simulated).map((target) => target.label), {
    width,
    wide: width === Infinity,
    records: outcome.records,
    stoppedTargets: outcome.stoppedTargets,
  });
  // The reason may quote a server's message: kept to this one line, and inert.
  // One line, however long, so a script can grep it whole.
  for (const { target, reason } of outcome.stoppedTargets) console.log(`\nSTOPPED ${terminalSafe(target, { oneLine: true })}: ${terminalSafe(reason, { oneLine: true })}`);
  if (outcome.budgetReached) console.log('\nBUDGET: scheduling stopped before --max-cost could be passed.');
  printReportPaths(outcome.folder, outcome.reportPaths, outcome.incomplete);
}
