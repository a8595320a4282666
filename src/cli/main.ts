import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { enableCompileCache } from 'node:module';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { isInputError } from '../config/errors.ts';
import { chooseCommand } from './choose-command.ts';
import { compareCommand } from './compare-command.ts';
import { demoCommand } from './demo-command.ts';
import { endWithLauncher } from './end-with-launcher.ts';
import { initCommand } from './init-command.ts';
import { mergeCommand } from './merge-command.ts';
import { estimateCommand } from './estimate-command.ts';
import { pricesCommand } from './prices-command.ts';
import { mockCommand } from './mock-command.ts';
import { reportCommand } from './report-command.ts';
import { runCommand } from './run-command.ts';
import { installSafeTerminalOutput } from './safe-terminal-output.ts';
import { validateCommand } from './validate-command.ts';

// Cold start: this file and its light imports load before anything else; every command loads its
// heavy modules (the AI SDK, zod schemas, the runner, the reports) in its handler, so `--help`
// and a refused flag cost yargs and the settings' declarations alone. The modules loaded after
// this line are kept compiled (types stripped, bytecode) in Node's cache folder for the next start.
const compileCache = enableCompileCache?.();
// Worker threads (the transport's, the lean engine's) look for the variable as they start: with
// it, their modules are read from the same cache.
if (compileCache?.directory && process.env.NODE_COMPILE_CACHE === undefined) process.env.NODE_COMPILE_CACHE = compileCache.directory;

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** yargs' own usage error (a flag without its value, an unknown flag): help, then the message, exit code 2. */
class UsageFailure extends Error {
  readonly help: string;
  constructor(help: string, usage: string) {
    super(usage);
    this.help = help;
  }
}

/** The one place that turns errors into messages and exit codes (documented in README). */
async function main(argv: string[]): Promise<void> {
  // Before anything is printed: no control character from outside reaches the terminal.
  installSafeTerminalOutput();
  endWithLauncher();
  try {
    const parser = yargs(argv)
      .scriptName('llm-bench')
      .command(runCommand)
      .command(demoCommand)
      .command(mockCommand)
      .command(validateCommand)
      .command(reportCommand)
      .command(compareCommand)
      .command(chooseCommand)
      .command(initCommand)
      .command(mergeCommand)
      .command(estimateCommand)
      .command(pricesCommand)
      .demandCommand(1, 'Name a command: init, run, demo, mock, validate, report, compare, choose, merge, estimate or prices.')
      .strict()
      .help()
      .alias('h', 'help')
      // yargs would look for package.json above its own node_modules: the user's, once installed.
      .version(version)
      // A command that runs may meet an unexpected error anywhere: its report must be redacted then.
      .middleware(async () => void (bugRedactor = await loadRedactor()))
      .fail((message, error, parser) => {
        // yargs' own usage errors (a flag without its value) are the user's, like an unknown flag.
        if (error && error.name !== 'YError') throw error;
        throw new UsageFailure(String(parser.help()), message);
      });
    skipHelpCache(parser);
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof UsageFailure) {
      console.error(error.help);
      // yargs may quote a value given on the command line: a key passed by mistake, say.
      console.error(`\n${(await loadRedactor())(error.message)}`);
      process.exitCode = 2;
      return;
    }
    if (isInputError(error)) {
      console.error(`llm-bench: ${(await loadRedactor())(error.message)}`);
      process.exitCode = 2;
      return;
    }
    reportBug(error, await loadRedactor());
    process.exitCode = 1;
  }
}

/**
 * yargs renders the whole help of the command it is about to run (every flag of `run`: tens of
 * milliseconds of CPU before its first request) and keeps it for a usage error raised from inside
 * the handler. Ours raise none (their errors reach the catch above, which prints no help), so the
 * rendering is skipped. Through yargs' internals: should a version change them, only the time does.
 */
function skipHelpCache(parser: object): void {
  type Internals = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } };
  const usage = (parser as Internals).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

type Redact = (text: string) => string;
/** The redactor of the environment's keys, loaded when needed: it loads every provider kind. */
const loadRedactor = async (): Promise<Redact> => (await import('../targets/redact-secrets.ts')).environmentRedactor(process.env);
/** Loaded before a command's handler runs: an error thrown outside the awaits is reported at once. */
let bugRedactor: Redact | undefined;

function reportBug(error: unknown, redact: Redact): void {
  console.error('llm-bench: unexpected error (this is a bug; please report it):');
  // A stack trace may quote a request, headers and all.
  console.error(redact(inspect(error)));
}

// An error thrown outside the awaits above (a timer, a stream callback) would be printed by Node
// itself, keys and terminal escapes as they are: it is reported the same way, and ends the
// process with 1 as Node would.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    if (bugRedactor) {
      reportBug(error, bugRedactor);
      process.exit(1);
    }
    void loadRedactor().then(
      (redact) => reportBug(error, redact),
      () => reportBug(error, () => '(not shown: the redactor did not load)'),
    ).finally(() => process.exit(1));
  });
}

await main(hideBin(process.argv));
// The command is done (or refused): whatever else keeps the event loop alive (a custom scorer's
// timer, a module still loading) must not keep the process. Output is flushed first.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
process.exit();
