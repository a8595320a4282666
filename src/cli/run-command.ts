import type { CommandModule } from 'yargs';
import { printReportPaths, printTables } from './print-reports.ts';
import { terminalSafe } from '../reports/terminal-safe.ts';
import { prioritizeTransport } from '../runner/index.ts';
import { executeRun, type RunOutcome } from './execute-run.ts';
import { ignoredFlags } from './ignored-flags.ts';
import { installInterruptHandlers } from './interrupt-handlers.ts';
import { qualityGateFailures } from './quality-gate.ts';
import { recordedSettings } from './run-folder.ts';
import { validateRunOptions, withResumedSettings, withRunOptions, type ParsedRunFlags } from './run-options.ts';

export const runCommand: CommandModule = {
  command: 'run',
  describe: 'Send a dataset to one or more targets; measure, score and report',
  builder: (yargs) =>
    withRunOptions(yargs)
      .example(
        '$0 run -d datasets/smoke.jsonl -t openai/gpt-4o-mini -t openai:gpt-4o-mini',
        'GPT-4o mini through the AI Gateway and directly through OpenAI',
      )
      .example(
        '$0 run -d datasets/smoke.jsonl -t openai-compatible:llama3.1@http://127.0.0.1:8000/v1 -c 8 -r 3',
        'A local vLLM/Ollama server, 8 requests in flight, every case 3 times',
      )
      .example('$0 run --resume reports/20261125T101500Z-3fa9c2', 'Complete an interrupted run: only what is missing or failed is sent'),
  handler: async (argv) => {
    const flags = argv as unknown as ParsedRunFlags;
    // An empty --resume reads nothing: validateRunOptions refuses it.
    const resuming = flags.resume !== undefined && flags.resume.trim() !== '';
    const options = validateRunOptions(resuming ? withResumedSettings(flags, await recordedSettings(flags.resume as string)) : flags);
    for (const note of ignoredFlags(flags, options)) console.log(note);
    // Until the run starts sending, a signal (while a custom scorer is still importing, say) ends
    // the process at once with 130: there is nothing to drain.
    const interruption = installInterruptHandlers(options.drainSeconds, { loading: true });
    prioritizeTransport();
    try {
      const outcome = await executeRun(options, {
        argv: process.argv.slice(2),
        environment: process.env,
        stop: interruption.stop,
        interrupt: interruption.interrupt,
        onSending: interruption.sending,
        onNotice: (message) => console.log(message),
      });
      printOutcome(outcome);
      const gateFailures = qualityGateFailures(outcome.summaries, options.minPassRate);
      for (const failure of gateFailures) console.log(`\nQUALITY GATE FAILED (--min-pass-rate ${options.minPassRate}): ${failure}`);
      process.exitCode = exitCodeOf(outcome, interruption.stop.aborted, gateFailures);
    } finally {
      interruption.dispose();
    }
  },
};

/** 130 after Ctrl-C; 3 when the run's own rules ended it early; 4 when it failed --min-pass-rate; else 0 (see README). */
function exitCodeOf(outcome: RunOutcome, interrupted: boolean, gateFailures: readonly string[]): number {
  if (interrupted) return 130;
  if (outcome.stoppedTargets.length > 0 || outcome.budgetReached) return 3;
  if (gateFailures.length > 0) return 4;
  return 0;
}

export function printOutcome(outcome: RunOutcome): void {
  if (outcome.resumed) {
    console.log(
      `Resumed: ${outcome.resumed.slotsAlreadyDone} requests were already answered and not sent again` +
        (outcome.resumed.droppedTornLine ? '; a half-written last line of results.jsonl was dropped.' : '.'),
    );
  }
  printTables(outcome.summaries, outcome.comparisons, outcome.targets.filter((target) => target.simulated).map((target) => target.label));
  // The reason may quote a server's message: kept to this one line, and inert.
  for (const { target, reason } of outcome.stoppedTargets) console.log(`\nSTOPPED ${terminalSafe(target, { oneLine: true })}: ${terminalSafe(reason, { oneLine: true })}`);
  if (outcome.budgetReached) console.log('\nBUDGET: scheduling stopped before --max-cost could be passed.');
  printReportPaths(outcome.folder, outcome.reportPaths, outcome.incomplete);
}
