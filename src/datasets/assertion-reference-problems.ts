import { TargetError } from '../config/errors.ts';
import { parseTargetSpec } from '../targets/target-spec.ts';
import type { Assertion } from './case.ts';
import type { CustomModuleReference } from './custom-scorer-problems.ts';
import { resolveDatasetFile } from '../config/resolve-dataset-file.ts';
import type { DatasetProblem } from './source-record.ts';

/**
 * What the schema cannot see in a list of scorers: a custom scorer's `module` must be a file
 * inside the dataset's folder, and an llm-judge's `judge` must be a target spec `run` can parse.
 * Both are checked at load, so `validate` refuses them with `file:line` before anything is sent.
 * `field` is where the list was written (`assert`, `defaults.assert`): a default scorer is
 * reported once, at its own line, not once per case.
 */
export function assertionReferenceProblems(input: {
  assertions: readonly Assertion[];
  field: string;
  datasetDir: string;
  /** The line of a path inside the list, such as `[0, 'module']`. */
  lineOf: (path: readonly PropertyKey[]) => number;
  /** Where each custom scorer module found inside the folder is added, to be imported next. */
  customModules: CustomModuleReference[];
}): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  for (const [index, assertion] of input.assertions.entries()) {
    if (assertion.type === 'custom' && typeof assertion.module === 'string') {
      const resolved = resolveDatasetFile(input.datasetDir, assertion.module);
      const line = input.lineOf([index, 'module']);
      const field = `${input.field}[${index}].module`;
      if ('problem' in resolved) problems.push({ line, field, message: resolved.problem });
      else input.customModules.push({ file: resolved.path, module: assertion.module, line, field });
    }
    if (assertion.type === 'llm-judge' && typeof assertion.judge === 'string') {
      try {
        parseTargetSpec(assertion.judge);
      } catch (error) {
        if (!(error instanceof TargetError)) throw error;
        problems.push({ line: input.lineOf([index, 'judge']), field: `${input.field}[${index}].judge`, message: error.message });
      }
    }
  }
  return problems;
}
