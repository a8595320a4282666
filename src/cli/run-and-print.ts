import type { EvalSettings } from '../config/settings/eval-settings.ts';
import type { SettingNames } from '../config/settings/setting-names.ts';
import { qualityGateFailures, qualityGatePasses } from '../session/quality-gate.ts';
import { terminalSafe } from '../reports/terminal-safe.ts';
import { prioritizeTransport } from '../runner/index.ts';
import { runEval, type RunOutcome } from '../session/index.ts';
import { installInterruptHandlers } from './interrupt-handlers.ts';
import { printReportPaths, printTables } from './print-reports.ts';
import { startLiveProgress } from './progress/index.ts';

/** Runs the eval through the core, prints what happened, and sets the exit code (see README). */
export async function runAndPrint(settings: EvalSettings, command: { resume?: string | undefined; force?: boolean | undefined; names?: SettingNames }): Promise<RunOutcome> {
  // Until the run starts sending, a signal (while a custom scorer is still importing, say) ends
  // the process at once with 130: there is nothing to drain.
  const interruption = installInterruptHandlers(settings.drainSeconds, { loading: true });
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
    printOutcome(outcome);
    const gateFailures = qualityGateFailures(outcome.gates);
    const lines = [...qualityGatePasses(outcome.gates), ...gateFailures];
    if (lines.length > 0) console.log(`\n${lines.join('\n')}`);
    process.exitCode = exitCodeOf(outcome, interruption.stop.aborted, gateFailures);
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

function printOutcome(outcome: RunOutcome): void {
  if (outcome.resumed) {
    console.log(
      `Resumed: ${outcome.resumed.slotsAlreadyDone === 1 ? '1 request was' : `${outcome.resumed.slotsAlreadyDone} requests were`} already answered and not sent again` +
        (outcome.resumed.droppedTornLine ? '; a half-written last line of results.jsonl was dropped.' : '.'),
    );
  }
  printTables(outcome.summaries, outcome.comparisons, outcome.targets.filter((target) => target.simulated).map((target) => target.label));
  // The reason may quote a server's message: kept to this one line, and inert.
  for (const { target, reason } of outcome.stoppedTargets) console.log(`\nSTOPPED ${terminalSafe(target, { oneLine: true })}: ${terminalSafe(reason, { oneLine: true })}`);
  if (outcome.budgetReached) console.log('\nBUDGET: scheduling stopped before --max-cost could be passed.');
  printReportPaths(outcome.folder, outcome.reportPaths, outcome.incomplete);
}
