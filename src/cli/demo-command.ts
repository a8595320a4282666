import type { CommandModule } from 'yargs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../config/errors.ts';
import { flagProblem, limits, numberFlagOption } from '../config/limits.ts';
import { loadDataset, loadPromptVariants } from '../datasets/index.ts';
import { startMockServer } from '../mock/index.ts';
import { prioritizeTransport } from '../runner/index.ts';
import { needsDefaultJudge } from './create-judge.ts';
import { executeRun } from './execute-run.ts';
import { printOutcome } from './run-command.ts';
import { promptOption, validateRunOptions } from './run-options.ts';
import { simulatorKnowledge, unknownCasesLines } from './simulator-cases.ts';

/** The shipped smoke set, wherever the command is run from (a user's own paths stay theirs). */
const defaultDataset = fileURLToPath(new URL('../../datasets/smoke.jsonl', import.meta.url));
/** The simulator accepts any key; this one only keeps the provider packages' key checks happy. */
const simulatorKey = 'simulator-accepts-any-key';
/** Grades llm-judge cases in the demo: GPT-4o through the simulated gateway. */
const simulatedJudge = 'openai/gpt-4o';

/**
 * `npm start`: a real benchmark with no key. The simulator starts in-process on 127.0.0.1 and
 * the run goes through the same CLI pipeline and real AI SDK packages as any other.
 */
export const demoCommand: CommandModule = {
  command: 'demo',
  describe: 'Benchmark simulated targets on the built-in simulator (no API key needed)',
  builder: (yargs) =>
    yargs
      .option('dataset', { alias: 'd', type: 'string', default: defaultDataset, defaultDescription: 'the shipped datasets/smoke.jsonl', describe: 'Dataset file' })
      .option('concurrency', { alias: 'c', ...numberFlagOption, default: 8, describe: 'Requests in flight overall' })
      .option('repeats', { alias: 'r', ...numberFlagOption, default: 1, describe: 'Times each case is sent to each target' })
      .option('seed', { ...numberFlagOption, default: 1, describe: 'Simulator seed: the same seed gives the same answers and faults' })
      .option('answer-books', {
        type: 'boolean',
        default: true,
        describe: "Let the simulator answer from the dataset's answer book (answer-books/<name>.answers.jsonl beside it), when there is one",
      })
      .option('prompt', promptOption)
      .option('out', { alias: 'o', type: 'string', describe: 'Run folder (default: reports/<timestamp>-<id>)' }),
  handler: async (argv) => {
    const flags = argv as unknown as { dataset: string; concurrency: number; repeats: number; seed: number; answerBooks: boolean; prompt: string[]; out?: string };
    // Before the dataset is read or the simulator started: a bad number is refused at once.
    const seedProblem = flagProblem('seed', limits.seed, flags.seed);
    if (seedProblem) throw new InputError(seedProblem);
    validateRunOptions({
      dataset: flags.dataset,
      target: ['simulated'],
      concurrency: flags.concurrency,
      repeats: flags.repeats,
      prompt: flags.prompt.map(String),
      ...(flags.out !== undefined ? { out: flags.out } : {}),
    });
    const dataset = await loadDataset(flags.dataset);
    const variants = await loadPromptVariants(flags.prompt.map(String), dataset.cases);
    const knowledge = await simulatorKnowledge([dataset], { answerBooks: flags.answerBooks });
    const server = await startMockServer({ seed: flags.seed, cases: knowledge.cases });
    try {
      // Real routes through the real provider packages: the AI Gateway (pinned to a provider, as
      // users compare GPT-4o mini on OpenAI and on Azure) and Anthropic's own API.
      const targets = [
        'openai/gpt-4o-mini@openai',
        'openai/gpt-4o-mini@azure',
        'openai/gpt-4o',
        'anthropic:claude-sonnet-4',
      ];
      const environment = {
        ...process.env,
        AI_GATEWAY_BASE_URL: `${server.url}/v4/ai`,
        AI_GATEWAY_API_KEY: simulatorKey,
        ANTHROPIC_BASE_URL: `${server.url}/v1`,
        ANTHROPIC_API_KEY: simulatorKey,
      };
      console.log(`Simulator on ${server.url}: ${targets.length} simulated targets, ${dataset.cases.length} cases from ${shownPath(flags.dataset)}.`);
      for (const line of unknownCasesLines(knowledge, dataset.cases, variants)) console.log(line);
      // llm-judge cases are graded by a simulated judge, which knows the answers the simulator gave.
      const options = validateRunOptions({
        dataset: flags.dataset,
        target: targets,
        concurrency: flags.concurrency,
        repeats: flags.repeats,
        prompt: flags.prompt.map(String),
        warmup: 1,
        retries: 3,
        timeoutMs: 60_000,
        stallTimeoutMs: 30_000,
        ...(needsDefaultJudge(dataset.cases) ? { judge: simulatedJudge } : {}),
        ...(flags.out !== undefined ? { out: flags.out } : {}),
      });
      // The simulator's own thread was started before, so it keeps its priority too.
      prioritizeTransport();
      const outcome = await executeRun(options, {
        argv: process.argv.slice(2),
        environment,
        simulated: new Set(targets),
      });
      printOutcome(outcome);
      console.log('\nAll figures above are SIMULATED. Benchmark a real endpoint with `npx llm-bench run --target …` (see README).');
    } finally {
      await server.close();
    }
  },
};

/** A path as the user would write it: relative to where they are when it is below that. */
function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
