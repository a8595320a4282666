import type { CommandModule } from 'yargs';
import { InputError } from '../config/errors.ts';
import { emptyFlagProblem, flagProblem, limits, numberFlagOption } from '../config/limits.ts';
import { loadDatasets } from '../datasets/index.ts';
import { defaultMockProfiles, loadMockProfiles, startMockServer, type MockServer } from '../mock/index.ts';
import { simulatorKnowledge, unknownCasesLines } from '../session/index.ts';

type MockArguments = { port: number; host: string; profiles?: string; seed: number; dataset: string[]; 'answer-books': boolean };

/**
 * `llm-bench mock`: the provider simulator as a standalone server, for pointing any client (or
 * another llm-bench) at simulated OpenAI, Anthropic and AI Gateway endpoints without a key.
 * Runs until SIGINT, SIGTERM or SIGHUP, then closes every connection.
 */
export const mockCommand: CommandModule<object, MockArguments> = {
  command: 'mock',
  describe: 'Run the local LLM provider simulator (OpenAI, Responses, Anthropic, AI Gateway) until Ctrl-C',
  builder: (yargs) =>
    yargs
      .option('port', { ...numberFlagOption, default: 0, describe: 'Port to listen on (0: any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to bind' })
      .option('profiles', { type: 'string', describe: 'Profile file (YAML or JSON); default: the built-in set' })
      .option('seed', { ...numberFlagOption, default: 1, describe: 'Seed for latencies, faults and answers' })
      .option('dataset', {
        alias: 'd',
        type: 'string',
        array: true,
        default: [] as string[],
        describe: 'Dataset whose cases the simulator knows (oracle answers, answer books by case id); repeat for several',
      })
      .option('answer-books', {
        type: 'boolean',
        default: true,
        describe: "Answer each dataset's cases from its answer book (answer-books/<name>.answers.jsonl beside it), when there is one",
      })
      .example('$0 mock --port 8787', 'Serve the default simulated models on port 8787')
      .example('$0 mock --profiles mock/default-profiles.yaml --seed 7', 'Serve edited profiles, another seed')
      .example('$0 mock --port 8787 --dataset datasets/smoke.jsonl', 'Oracle models answer the smoke cases right or plausibly wrong'),
  handler: async ({ port, host, profiles: profilesPath, seed, dataset: datasetPaths, 'answer-books': answerBooks }) => {
    const problems = [
      flagProblem('port', limits.port, port),
      flagProblem('seed', limits.seed, seed),
      // An empty host would listen on every interface; an empty path names no file.
      emptyFlagProblem('host', host),
      emptyFlagProblem('profiles', profilesPath),
      emptyFlagProblem('dataset', datasetPaths),
    ].filter((problem) => problem !== undefined);
    if (problems.length > 0) throw new InputError(problems.join('\n'));
    const profiles = profilesPath ? await loadMockProfiles(profilesPath) : defaultMockProfiles;
    const datasets = await loadDatasets(datasetPaths.map(String));
    const knowledge = await simulatorKnowledge(datasets, { answerBooks });
    const { cases } = knowledge;
    let server: MockServer;
    try {
      server = await startMockServer({ port, host, profiles, seed, cases });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // In use, not allowed, not this machine's address, or no such host name.
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        throw new InputError(`Cannot listen on ${host}:${port}: ${code}`, { cause: error });
      }
      throw error;
    }
    // Before the first line: a signal sent as soon as it says it listens must find the handlers.
    const stopped = new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
    });
    const { url } = server;
    console.log(`llm-bench mock: listening on ${url} (seed ${seed})`);
    console.log(
      cases.length > 0
        ? `  Knows ${cases.length - knowledge.unknown.length} cases from ${datasetPaths.join(', ')}: oracle models answer them right or plausibly wrong.`
        : '  Knows no cases: oracle models echo the prompt (pass --dataset to answer a dataset\'s cases).',
    );
    if (knowledge.books.length > 0) console.log(`  Answer books: ${knowledge.books.join(', ')}`);
    for (const line of unknownCasesLines(knowledge, datasets.flatMap((dataset) => dataset.cases))) console.log(`  ${line}`);
    console.log(`  OpenAI-compatible: ${url}/v1   (Chat Completions and Responses)`);
    console.log(`  Anthropic:         ${url}/v1   (Messages)`);
    console.log(`  Gateway:           AI_GATEWAY_BASE_URL=${url}/v4/ai`);
    console.log(`  Ground truth:      ${url}/__mock/requests   (fault plan: POST ${url}/__mock/faults)`);
    console.log('  Models:');
    for (const model of profiles.models) {
      console.log(`    ${model.id.padEnd(24)} gateway ${model.gatewayModel ?? `${model.provider}/${model.id}`} via ${model.provider}`);
    }
    await stopped;
    await server.close();
    console.log('llm-bench mock: stopped');
  },
};
