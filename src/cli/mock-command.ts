import type { CommandModule } from 'yargs';
import { InputError } from '../config/errors.ts';
import { emptyFlagProblem, flagProblem, limits, numberFlagOption } from '../config/limits.ts';
import type { RunSettingName } from '../config/settings/run-settings.ts';
import { settingsOfFlags, withSettingFlags } from '../config/settings/setting-flags.ts';

/** The simulator's own settings, declared once with run's. */
const simulatorFlags: RunSettingName[] = ['seed', 'datasets', 'answerBooks'];

/**
 * `llm-bench mock`: the provider simulator as a standalone server, for pointing any client (or
 * another llm-bench) at simulated OpenAI, Anthropic and AI Gateway endpoints without a key.
 * Runs until SIGINT, SIGTERM or SIGHUP, then closes every connection.
 */
export const mockCommand: CommandModule = {
  command: 'mock',
  describe: 'Run the local LLM provider simulator (OpenAI, Responses, Anthropic, AI Gateway) until Ctrl-C',
  builder: (yargs) =>
    withSettingFlags(yargs, simulatorFlags)
      .option('port', { ...numberFlagOption, default: 0, describe: 'Port to listen on (0: any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to bind' })
      .option('profiles', { type: 'string', describe: 'Profile file (YAML or JSON); default: the built-in set' })
      .example('$0 mock --port 8787', 'Serve the default simulated models on port 8787')
      .example('$0 mock --profiles mock/default-profiles.yaml --seed 7', 'Serve edited profiles, another seed')
      .example('$0 mock --port 8787 --dataset datasets/smoke.jsonl', 'Oracle models answer the smoke cases right or plausibly wrong'),
  handler: async (argv) => {
    const { port, host, profiles: profilesPath } = argv as unknown as { port: number; host: string; profiles?: string };
    // An empty host would listen on every interface; an empty path names no file.
    const problems = [flagProblem('port', limits.port, port), emptyFlagProblem('host', host), emptyFlagProblem('profiles', profilesPath)].filter(Boolean);
    // Every bad flag at once: the simulator's settings are checked with the others.
    const simulator = (() => {
      try {
        return settingsOfFlags(argv, simulatorFlags);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(error.message);
        return {};
      }
    })();
    if (problems.length > 0) throw new InputError(problems.join('\n'));
    const { seed = 1, datasets: patterns = [], answerBooks = true } = simulator;
    const [{ expandDatasetPaths }, { loadDatasets }, { defaultMockProfiles, loadMockProfiles }, { simulatorKnowledge }, { printMockServer, startMockListening }] = await Promise.all([
      import('../config/expand-dataset-paths.ts'),
      import('../datasets/index.ts'),
      import('../mock/index.ts'),
      import('../session/index.ts'),
      import('./mock-listening.ts'),
    ]);
    const profiles = profilesPath ? await loadMockProfiles(profilesPath) : defaultMockProfiles;
    const datasets = await loadDatasets(await expandDatasetPaths(patterns, process.cwd()));
    const knowledge = await simulatorKnowledge(datasets, { answerBooks });
    const server = await startMockListening({ port, host, profiles, seed, cases: knowledge.cases });
    // Before the first line: a signal sent as soon as it says it listens must find the handlers.
    const stopped = new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
    });
    printMockServer(server.url, { seed, profiles, knowledge, datasets, patterns });
    await stopped;
    await server.close();
    console.log('llm-bench mock: stopped');
  },
};
