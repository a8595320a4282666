import type { EvalSettings } from '../config/settings/eval-settings.ts';
import type { SettingNames } from '../config/settings/setting-names.ts';
import { qualityGateFailures, qualityGatePasses } from '../session/quality-gate.ts';
import { terminalSafe } from '../reports/terminal-safe.ts';
import { prioritizeTransport } from '../runner/index.ts';
import { runEval, type RunOutcome } from '../session/index.ts';
import { appendReportToStepSummary } from './append-step-summary.ts';
import { installInterruptHandlers } from './interrupt-handlers.ts';
import { fitLine, lineWidth } from './fit-line.ts';
import { outputWidth } from './output-width.ts';
import { shortenMiddle } from '../reports/display-width.ts';
import { printGateLines, printReportPaths, printTables } from './print-reports.ts';
import { inertJson, reserveStdoutForJson } from './stdout-for-json.ts';
import { summaryOutput } from './summary-output.ts';
import { renderSweepTable } from '../reports/sweep-terminal.ts';
import { startLiveProgress } from './progress/index.ts';
import { isSpendNotConfirmed, type EstimateContext, type SpendQuestion } from '../session/estimate/index.ts';

/** `--confirm-above` refused the run (declined on a terminal, or no terminal to ask): nothing was sent. */
export const spendNotConfirmedExitCode = 5;

/** Runs the eval through the core, prints what happened, and sets the exit code (see README); undefined when --confirm-above stopped it. */
export async function runAndPrint(settings: EvalSettings, command: { resume?: string | undefined; force?: boolean | undefined; names?: SettingNames }): Promise<RunOutcome | undefined> {
  // Until the run starts sending, a signal (while a custom scorer is still importing, say) ends
  // the process at once with 130: there is nothing to drain.
  const interruption = installInterruptHandlers(settings.drainSeconds, { loading: true });
  // --json: from here on, stdout is the document's alone; the rest goes to stderr.
  const writeJson = settings.json ? reserveStdoutForJson() : undefined;
  prioritizeTransport();
  // Its line is erased when the run finishes, before the summary below is printed.
  const startProgress = () => startLiveProgress({ quiet: settings.quiet, maxCost: settings.maxCost, environment: process.env });
  let progress = startProgress();
  // A sweep runs once per step: each step's run gets a progress line of its own.
  let runsStarted = 0;
  const onEvent = (event: Parameters<typeof progress.onEvent>[0]) => {
    if (event.type === 'run-started' && runsStarted++ > 0) {
      progress.stop();
      progress = startProgress();
    }
    return progress.onEvent(event);
  };
  // Where the lines go (stderr with --json), and how wide they may be.
  const width = lineWidth(settings.json ? process.stderr : process.stdout, settings.wide);
  const confirmation = { asked: false };
  const spendHook: EstimateContext = { confirmSpend: (spend) => confirmOnTerminal(spend, confirmation) };
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
      ...spendHook,
      onNotice: (message) => console.log(fitLine(message, width, { keepWords: true })),
      onEvent,
    });
    // In a GitHub Actions job, report.md goes to the job's summary page too; a failure is a warning.
    await appendReportToStepSummary(outcome.reportPaths);
    printOutcome(outcome, outputWidth(settings.json ? process.stderr : process.stdout, settings.wide), width);
    const gateFailures = qualityGateFailures(outcome.gates);
    const lines = [...qualityGatePasses(outcome.gates), ...gateFailures];
    printGateLines(lines, width);
    process.exitCode = exitCodeOf(outcome, interruption.stop.aborted, gateFailures);
    await writeJson?.(inertJson(await summaryOutput(outcome, { exitCode: process.exitCode, interrupted: interruption.stop.aborted })));
    return outcome;
  } catch (error) {
    if (!isSpendNotConfirmed(error)) throw error;
    // Like any other refusal before sending: a message on stderr, nothing on stdout, no run folder.
    console.error(fitLine(confirmation.asked ? 'Not run: nothing was sent.' : `llm-bench: ${error.message}`, lineWidth(process.stderr, settings.wide), { keepWords: true }));
    process.exitCode = spendNotConfirmedExitCode;
    return undefined;
  } finally {
    progress.stop();
    interruption.dispose();
  }
}

/**
 * `--confirm-above` on a terminal: the question on stderr, the answer from stdin (yes: `y` or
 * `yes`; anything else, or an empty line, is no). Off a terminal: no, without asking.
 */
async function confirmOnTerminal(spend: SpendQuestion, state: { asked: boolean }): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
  state.asked = true;
  const { createInterface } = await import('node:readline/promises');
  // Not as a terminal: the terminal's own line editing and echo, no cursor sequences (which the
  // safe output would show as text), and Ctrl-C stays the interrupt it is elsewhere (exit 130 at once).
  const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  try {
    const answer = await prompt.question(`${terminalSafe(spend.question, { oneLine: true })} `);
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    prompt.close();
  }
}

/** The longest label in a line of prose (a STOPPED line), unless --wide: the table names the target too. */
const proseLabelWidth = 48;

/** 130 after Ctrl-C; 3 when the run's own rules ended it early; 4 when it failed a gate (--gate, --min-pass-rate, --max-drop); else 0. */
function exitCodeOf(outcome: RunOutcome, interrupted: boolean, gateFailures: readonly string[]): number {
  if (interrupted) return 130;
  if (outcome.stoppedTargets.length > 0 || outcome.budgetReached) return 3;
  if (gateFailures.length > 0) return 4;
  return 0;
}

/** What happened: the tables within `width` columns (Infinity with --wide), the lines within `lineWidth`. */
function printOutcome(outcome: RunOutcome, width: number, lineWidth: number): void {
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
