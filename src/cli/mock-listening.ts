import { InputError } from '../config/errors.ts';
import type { Dataset } from '../datasets/index.ts';
import { startMockServer, type MockProfiles, type MockServer, type MockServerOptions } from '../mock/index.ts';
import { unknownCasesLines } from '../session/index.ts';
import type { SimulatorKnowledge } from '../session/simulator-cases.ts';

/** The simulator on its address; an address it cannot have is the user's to change (exit 2). */
export async function startMockListening(options: MockServerOptions & { port: number; host: string }): Promise<MockServer> {
  try {
    return await startMockServer(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // In use, not allowed, not this machine's address, or no such host name.
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new InputError(`Cannot listen on ${options.host}:${options.port}: ${code}`, { cause: error });
    }
    throw error;
  }
}

/** Where the simulator listens, what it knows, and the routes and models it serves. */
export function printMockServer(
  url: string,
  { seed, profiles, knowledge, datasets, patterns }: { seed: number; profiles: MockProfiles; knowledge: SimulatorKnowledge; datasets: Dataset[]; patterns: string[] },
): void {
  const { cases } = knowledge;
  console.log(`llm-bench mock: listening on ${url} (seed ${seed})`);
  console.log(
    cases.length > 0
      ? `  Knows ${cases.length - knowledge.unknown.length} cases from ${patterns.join(', ')}: oracle models answer them right or plausibly wrong.`
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
}
