import type { CommandModule } from 'yargs';
import { InputError } from '../config/errors.ts';
import { emptyFlagProblem } from '../config/limits.ts';
import { runSettings, type RunSettingName } from '../config/settings/run-settings.ts';
import { settingsOfFlags, withSettingFlags } from '../config/settings/setting-flags.ts';

const settingNames = Object.keys(runSettings) as RunSettingName[];

/**
 * `llm-bench estimate`: what `run` would send, in requests, tokens and USD per target, from the
 * same flags and eval file; it sends nothing and needs no key. Exit code 0, or 2 for bad input.
 */
export const estimateCommand: CommandModule = {
  command: 'estimate',
  describe: 'Estimate a run before spending: requests, input tokens, expected output and USD per target (sends nothing, needs no key)',
  builder: (yargs) =>
    withSettingFlags(yargs, settingNames)
      .option('config', { type: 'string', requiresArg: true, describe: 'Eval file (.yaml, .json, .ts) (default: llm-bench.yaml here, if there is one)' })
      .option('from-run', { type: 'string', requiresArg: true, describe: "A past run folder: expect each case's output to be as long as its answers were there" })
      .example('$0 estimate -d datasets/smoke.jsonl -t openai/gpt-4o-mini -t openai/gpt-4o --max-tokens 256', 'What the smoke dataset would cost on each model, at most')
      .example('$0 estimate --from-run reports/20261125T101500Z-3fa9c2', 'The eval in llm-bench.yaml, expecting answers as long as that run\'s'),
  handler: async (argv) => {
    const command = commandFlags(argv);
    const flags = settingsOfFlags(argv, settingNames);
    const [{ resolveEval }, { estimateEval, renderEstimateTable }, { reserveStdoutForJson, inertJson }, { fitLine, lineWidth }] = await Promise.all([
      import('../session/index.ts'),
      import('../session/estimate/index.ts'),
      import('./stdout-for-json.ts'),
      import('./fit-line.ts'),
    ]);
    const { settings, names } = await resolveEval({ flags, cwd: process.cwd(), ...(command.config !== undefined ? { config: command.config } : {}) });
    const writeJson = settings.json ? reserveStdoutForJson() : undefined;
    const estimate = await estimateEval(settings, { environment: process.env, cwd: process.cwd(), names, fromRun: command.fromRun });
    if (writeJson) await writeJson(inertJson(estimate));
    else {
      // The notes under the table wrap to the terminal's width, as run's lines do; the table fits by its labels.
      const width = lineWidth(process.stdout, settings.wide);
      const lines = renderEstimateTable(estimate, { wide: settings.wide }).split('\n');
      console.log(lines.map((line) => (/^[┌│├└]/.test(line) ? line : fitLine(line, width, { keepWords: true }))).join('\n'));
    }
  },
};

/** The flags that belong to this command, not to the eval. */
function commandFlags(argv: Record<string, unknown>): { config?: string; fromRun?: string } {
  const problems: string[] = [];
  for (const name of ['config', 'from-run']) {
    if (Array.isArray(argv[name])) problems.push(`Expected --${name} once, got it ${(argv[name] as unknown[]).length} times`);
    else problems.push(emptyFlagProblem(name, argv[name]) ?? '');
  }
  const real = problems.filter(Boolean);
  if (real.length > 0) throw new InputError(real.join('\n'));
  return {
    ...(typeof argv.config === 'string' ? { config: argv.config } : {}),
    ...(typeof argv['from-run'] === 'string' ? { fromRun: argv['from-run'] } : {}),
  };
}
