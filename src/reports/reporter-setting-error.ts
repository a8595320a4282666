import { InputError } from '../config/errors.ts';
import { formatPath } from '../config/format-issues.ts';
import type { ReporterProblem } from './reporter-problem.ts';

/**
 * `reporters:` entries that cannot be used: every problem, one a line
 * (`reporters[0][1].filename: unknown field; did you mean fileName?`). `path` is the first
 * problem's, from the reporters list; `cause` the first failed module's own error.
 */
export class ReporterSettingError extends InputError {
  override readonly name = 'ReporterSettingError';
  readonly path: PropertyKey[];
  readonly problems: ReporterProblem[];

  constructor(problems: readonly ReporterProblem[]) {
    const cause = problems.find((problem) => problem.cause !== undefined)?.cause;
    super(problems.map((problem) => `${formatPath(['reporters', ...problem.path])}: ${problem.message}`).join('\n'), cause === undefined ? undefined : { cause });
    this.problems = [...problems];
    this.path = problems[0]?.path ?? [];
  }
}
