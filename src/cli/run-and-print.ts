import type { EvalSettings } from '../config/settings/eval-settings.ts';
import type { SettingNames } from '../config/settings/setting-names.ts';
import { terminalSafe } from '../reports/terminal-safe.ts';
import { prioritizeTransport } from '../runner/timed-fetch.ts';
import { runEval, type RunOutcome } from '../session/run-eval.ts';
import { installInterruptHandlers } from './interrupt-handlers.ts';
import { fitLine, lineWidth } from './fit-line.ts';
import { outputWidth } from './output-width.ts';
import { inertJson, reserveStdoutForJson } from './stdout-for-json.ts';
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
  // What prints the outcome loads once the first answer is in, while the others stream: not
  // before the first request (loaded at run-started, it held the warm-up back by half a second on
  // a busy machine), nor all after the last.
  let output: Promise<typeof import('./run-outcome-output.ts')> | undefined;
  const loadOutput = () => (output ??= import('./run-outcome-output.ts'));
  const onEvent = (event: Parameters<typeof progress.onEvent>[0]) => {
    if (event.type === 'attempt-done') void loadOutput().catch(() => {});
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
    const { appendReportToStepSummary, exitCodeOf, printGateLines, printOutcome, qualityGateFailures, qualityGatePasses, summaryOutput } = await loadOutput();
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
