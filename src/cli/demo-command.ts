import type { CommandModule } from 'yargs';
import { fileURLToPath } from 'node:url';
import type { RunSettingName } from '../config/settings/run-settings.ts';
import { settingsOfFlags, withSettingFlags } from '../config/settings/setting-flags.ts';

/**
 * The shipped smoke set and support pipeline (classify, extract, draft: the per-step and pipeline
 * figures), wherever the command is run from (a user's own paths stay theirs).
 */
const defaultDatasets = ['smoke.jsonl', 'support-pipeline.yaml'].map((name) => fileURLToPath(new URL(`../../datasets/${name}`, import.meta.url)));
/** Enough that the pipeline's three calls in a row do not make the demo wait: the simulator keeps up. */
const demoConcurrency = 16;
const demoFlags: RunSettingName[] = ['datasets', 'concurrency', 'repeats', 'seed', 'answerBooks', 'prompts', 'out', 'quiet', 'wide', 'json'];

/**
 * `npm start`: a real benchmark with no key. The eval's targets are `simulated:` routes: the
 * simulator starts in-process on 127.0.0.1, and the run goes through the same core and the real
 * AI SDK packages as any other: the AI Gateway pinned to a provider (as users compare GPT-4o mini
 * on OpenAI and on Azure), and Anthropic's own API.
 */
export const demoCommand: CommandModule = {
  command: 'demo',
  describe: 'Benchmark simulated targets on the built-in simulator (no API key needed)',
  builder: (yargs) => withSettingFlags(yargs, demoFlags, { datasets: 'the shipped datasets/smoke.jsonl and datasets/support-pipeline.yaml', concurrency: demoConcurrency }),
  handler: async (argv) => {
    const flags = settingsOfFlags(argv, demoFlags);
    const [{ expandDatasetPaths }, { mergeSettings, withDefaults }, { loadDataset }, { needsDefaultJudge }, { fitLine, lineWidth }, { runAndPrint }] = await Promise.all([
      import('../config/expand-dataset-paths.ts'),
      import('../config/settings/eval-settings.ts'),
      import('../datasets/index.ts'),
      import('../session/create-judge.ts'),
      import('./fit-line.ts'),
      import('./run-and-print.ts'),
    ]);
    const datasets = flags.datasets ?? defaultDatasets;
    // llm-judge cases are graded by a simulated judge, which knows the answers the simulator gave.
    // A glob (`-d 'datasets/*.jsonl'`) is read as run reads it: each file it matches.
    const files = await expandDatasetPaths(datasets, process.cwd());
    const judged = await Promise.all(files.map(async (path) => needsDefaultJudge((await loadDataset(path)).cases)));
    const settings = withDefaults(
      mergeSettings(
        {
          datasets,
          concurrency: demoConcurrency,
          targets: ['openai/gpt-4o-mini@openai', 'openai/gpt-4o-mini@azure', 'openai/gpt-4o', 'anthropic:claude-sonnet-4'].map((spec) => `simulated:${spec}`),
          ...(judged.some(Boolean) ? { judge: 'simulated:openai/gpt-4o' } : {}),
        },
        flags,
      ),
    );
    await runAndPrint(settings, {});
    const width = lineWidth(settings.json ? process.stderr : process.stdout, settings.wide);
    console.log(fitLine('\nAll figures above are SIMULATED. Benchmark a real endpoint with `npx llm-bench run --target …` (see README).', width));
  },
};
