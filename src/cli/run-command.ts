import type { CommandModule } from 'yargs';
import { InputError } from '../config/errors.ts';
import { emptyFlagProblem } from '../config/limits.ts';
import { runSettings, type RunSettingName } from '../config/settings/run-settings.ts';
import { settingsOfFlags, withSettingFlags } from '../config/settings/setting-flags.ts';

const settingNames = Object.keys(runSettings) as RunSettingName[];

export const runCommand: CommandModule = {
  command: 'run',
  describe: 'Run an eval (llm-bench.yaml, --config, or flags): send its datasets to its targets; measure, score and report',
  builder: (yargs) =>
    withSettingFlags(yargs, settingNames)
      .option('config', { type: 'string', requiresArg: true, describe: 'Eval file (.yaml, .json, .ts) (default: llm-bench.yaml here, if there is one)' })
      .option('resume', { type: 'string', requiresArg: true, describe: 'Complete the run in this folder: only what is missing or failed is sent' })
      .option('force', { type: 'boolean', default: false, describe: 'With --resume: resume even if the dataset, targets or settings changed' })
      .example('$0 run', 'Run the eval in llm-bench.yaml (see `llm-bench init`)')
      .example('$0 run -d datasets/smoke.jsonl -t openai/gpt-4o-mini -t openai:gpt-4o-mini', 'GPT-4o mini through the AI Gateway and directly through OpenAI')
      .example('$0 run --resume reports/20261125T101500Z-3fa9c2', 'Complete an interrupted run: only what is missing or failed is sent'),
  handler: async (argv) => {
    const command = commandFlags(argv);
    const flags = settingsOfFlags(argv, settingNames);
    // The transport worker boots on its own thread while this one loads the rest and the eval
    // (runAndPrint would start it once the eval is resolved; it is the same call).
    void import('../runner/timed-fetch.ts').then(({ prioritizeTransport }) => prioritizeTransport(), () => {});
    // The modules the first request needs, not the session's whole index (compare, choose, …).
    const [{ ignoredFlags }, { resolveEval }, { fitLine, lineWidth }, { reserveStdoutForJson }, { runAndPrint }] = await Promise.all([
      import('../session/ignored-flags.ts'),
      import('../session/resolve-eval.ts'),
      import('./fit-line.ts'),
      import('./stdout-for-json.ts'),
      import('./run-and-print.ts'),
    ]);
    const { settings, given, names } = await resolveEval({ flags, cwd: process.cwd(), ...command });
    // With --json, stdout holds the summary document alone: these notes go to stderr.
    if (settings.json) reserveStdoutForJson();
    const width = lineWidth(settings.json ? process.stderr : process.stdout, settings.wide);
    for (const note of ignoredFlags(given, settings, command, names)) console.log(fitLine(note, width));
    await runAndPrint(settings, { ...command, names });
  },
};

/** The flags that belong to this command, not to the eval. */
function commandFlags(argv: Record<string, unknown>): { config?: string; resume?: string; force: boolean } {
  const problems: string[] = [];
  for (const name of ['config', 'resume', 'force']) {
    if (Array.isArray(argv[name])) problems.push(`Expected --${name} once, got it ${(argv[name] as unknown[]).length} times`);
    else if (name !== 'force') problems.push(emptyFlagProblem(name, argv[name]) ?? '');
  }
  const real = problems.filter(Boolean);
  if (real.length > 0) throw new InputError(real.join('\n'));
  const text = (name: string) => (typeof argv[name] === 'string' ? { [name]: argv[name] as string } : {});
  return { ...text('config'), ...text('resume'), force: argv.force === true };
}
