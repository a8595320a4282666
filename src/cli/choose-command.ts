import type { CommandModule } from 'yargs';
import { InputError } from '../config/errors.ts';
import { emptyFlagProblem } from '../config/limits.ts';
import { outputWidth } from './output-width.ts';

/**
 * `llm-bench choose <run folder>`: which target (and prompt) to pick from a run, from its figures
 * alone: the Pareto frontier over pass rate, cost and latency, and a recommendation that names its
 * evidence and caveats. Reads the folder, writes nothing, sends nothing.
 */
export const chooseCommand: CommandModule = {
  command: 'choose <folder>',
  describe: "Weigh a run's targets: the Pareto frontier over pass rate, cost and latency, and a recommendation; sends nothing",
  builder: (yargs) =>
    yargs
      .positional('folder', { type: 'string', demandOption: true, describe: 'The run folder (holds run.json and results.jsonl)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the figures, the frontier and the recommendation as JSON, and nothing else' })
      .option('wide', { type: 'boolean', default: false, describe: "Every figure, however wide (default: those that fit the terminal's width and 100 columns)" })
      .example('$0 choose reports/20261125T101500Z-3fa9c2', 'Is the cheaper model good enough?'),
  handler: async (argv) => {
    const folder = argv.folder as string;
    const empty = emptyFlagProblem('folder', folder);
    if (empty) throw new InputError(empty);
    const [{ chooseRun }, { renderChoice }] = await Promise.all([import('../session/choose-run.ts'), import('../reports/render-choice.ts')]);
    const choice = await chooseRun(folder);
    console.log(argv.json ? JSON.stringify(choice, null, 2) : renderChoice(choice, { width: outputWidth(process.stdout, argv.wide as boolean) }));
  },
};
