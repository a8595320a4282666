import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { isInputError } from '../config/errors.ts';
import { environmentRedactor } from '../targets/index.ts';
import { chooseCommand } from './choose-command.ts';
import { compareCommand } from './compare-command.ts';
import { demoCommand } from './demo-command.ts';
import { endWithLauncher } from './end-with-launcher.ts';
import { initCommand } from './init-command.ts';
import { mockCommand } from './mock-command.ts';
import { reportCommand } from './report-command.ts';
import { runCommand } from './run-command.ts';
import { installSafeTerminalOutput } from './safe-terminal-output.ts';
import { validateCommand } from './validate-command.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The one place that turns errors into messages and exit codes (documented in README). */
async function main(argv: string[]): Promise<void> {
  // Before anything is printed: no control character from outside reaches the terminal.
  installSafeTerminalOutput();
  endWithLauncher();
  try {
    await yargs(argv)
      .scriptName('llm-bench')
      .command(runCommand)
      .command(demoCommand)
      .command(mockCommand)
      .command(validateCommand)
      .command(reportCommand)
      .command(compareCommand)
      .command(chooseCommand)
      .command(initCommand)
      .demandCommand(1, 'Name a command: init, run, demo, mock, validate, report, compare or choose.')
      .strict()
      .help()
      .alias('h', 'help')
      // yargs would look for package.json above its own node_modules: the user's, once installed.
      .version(version)
      .fail((message, error, parser) => {
        // yargs' own usage errors (a flag without its value) are the user's, like an unknown flag.
        if (error && error.name !== 'YError') throw error;
        console.error(parser.help());
        // yargs may quote a value given on the command line: a key passed by mistake, say.
        console.error(`\n${environmentRedactor(process.env)(message)}`);
        process.exit(2);
      })
      .parseAsync();
  } catch (error) {
    if (isInputError(error)) {
      console.error(`llm-bench: ${environmentRedactor(process.env)(error.message)}`);
      process.exitCode = 2;
      return;
    }
    reportBug(error);
    process.exitCode = 1;
  }
}

function reportBug(error: unknown): void {
  console.error('llm-bench: unexpected error (this is a bug; please report it):');
  // A stack trace may quote a request, headers and all.
  console.error(environmentRedactor(process.env)(inspect(error)));
}

// An error thrown outside the awaits above (a timer, a stream callback) would be printed by Node
// itself, keys and terminal escapes as they are: it is reported the same way, and ends the
// process with 1 as Node would.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    reportBug(error);
    process.exit(1);
  });
}

await main(hideBin(process.argv));
// The command is done (or refused): whatever else keeps the event loop alive (a custom scorer's
// timer, a module still loading) must not keep the process. Output is flushed first.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
process.exit();
