import type { CommandModule } from 'yargs';
import { DatasetError, InputError } from '../config/errors.ts';

type ValidateArguments = { datasets: string[] };

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** ` (20 pipelines, 60 steps)`: what a dataset of multi-call cases holds; empty for single calls. */
function multiCallNote(cases: ReadonlyArray<{ calls?: { kind: 'pipeline' | 'conversation'; steps: readonly unknown[] } }>): string {
  const parts: string[] = [];
  for (const [kind, one, many, call, calls] of [
    ['pipeline', 'pipeline', 'pipelines', 'step', 'steps'],
    ['conversation', 'conversation', 'conversations', 'turn', 'turns'],
  ] as const) {
    const found = cases.filter((testCase) => testCase.calls?.kind === kind);
    if (found.length === 0) continue;
    const total = found.reduce((sum, testCase) => sum + (testCase.calls?.steps.length ?? 0), 0);
    parts.push(`${counted(found.length, one, many)}, ${counted(total, call, calls)}`);
  }
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

/**
 * `llm-bench validate <dataset>…`: checks datasets without sending anything. Every file is
 * checked and every problem of every file printed (`file:line: field: message` on stderr), so a
 * user fixes them all in one pass; exit code 2 when any file has a problem.
 */
export const validateCommand: CommandModule<object, ValidateArguments> = {
  command: 'validate <datasets..>',
  describe: 'Check dataset files (JSONL, CSV, YAML) without sending anything',
  builder: (yargs) =>
    yargs
      .positional('datasets', { type: 'string', array: true, demandOption: true, describe: 'Dataset files to check' })
      .example('$0 validate datasets/smoke.jsonl', 'Check the smoke dataset'),
  handler: async ({ datasets }) => {
    const { loadDataset } = await import('../datasets/index.ts');
    let failed = 0;
    for (const datasetPath of datasets) {
      try {
        const dataset = await loadDataset(datasetPath);
        const count = dataset.cases.length;
        console.log(`ok ${datasetPath}: ${count} ${count === 1 ? 'case' : 'cases'}${multiCallNote(dataset.cases)}`);
      } catch (error) {
        if (error instanceof DatasetError) for (const problem of error.problems) console.error(problem);
        else if (error instanceof InputError) console.error(`llm-bench: ${error.message}`);
        else throw error;
        failed += 1;
      }
    }
    if (failed > 0) {
      console.error(`llm-bench: ${failed} of ${datasets.length} ${datasets.length === 1 ? 'dataset has' : 'datasets have'} problems`);
      process.exitCode = 2;
    }
  },
};
