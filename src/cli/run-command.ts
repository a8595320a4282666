import type { CommandModule } from 'yargs';
import { renderSummaryTable } from '../reports/index.ts';
import { executeRun, type RunOutcome } from './execute-run.ts';
import { validateRunOptions, withRunOptions } from './run-options.ts';

export const runCommand: CommandModule = {
  command: 'run',
  describe: 'Send a dataset to one or more targets; measure, score and report',
  builder: (yargs) =>
    withRunOptions(yargs)
      .example(
        '$0 run -d datasets/smoke.jsonl -t openai/gpt-4o-mini -t openai:gpt-4o-mini',
        'GPT-4o mini through the AI Gateway and directly through OpenAI',
      )
      .example(
        '$0 run -d datasets/smoke.jsonl -t openai-compatible:llama3.1@http://127.0.0.1:8000/v1 -c 8 -r 3',
        'A local vLLM/Ollama server, 8 requests in flight, every case 3 times',
      ),
  handler: async (argv) => {
    const options = validateRunOptions(argv as unknown as Parameters<typeof validateRunOptions>[0]);
    const controller = new AbortController();
    const outcome = await executeRun(options, {
      argv: process.argv.slice(2),
      environment: process.env,
      signal: controller.signal,
    });
    printOutcome(outcome);
  },
};

export function printOutcome(outcome: RunOutcome): void {
  const simulated = outcome.targets.filter((target) => target.simulated).map((target) => target.label);
  console.log(renderSummaryTable(outcome.summaries, { simulatedTargets: simulated }));
  if (simulated.length > 0) {
    console.log('Targets marked (simulated) were served by the built-in simulator: illustrative figures, not real providers.');
  }
  console.log(`\nReports in ${outcome.folder}:`);
  for (const path of outcome.reportPaths) console.log(`  ${path}`);
}
