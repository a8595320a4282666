/**
 * Errors a user can fix: bad flags, bad files, missing keys. The CLI turns them into a short
 * message and exit code 2; anything else is a bug and gets a stack trace and exit code 1.
 */
export class InputError extends Error {
  override readonly name: string = 'InputError';
  readonly exitCode = 2;
}

/** Input with every problem listed, one per line of the message. */
export class ProblemsError extends InputError {
  override readonly name: string = 'ProblemsError';
  readonly problems: string[];

  constructor(problems: string[], options?: ErrorOptions) {
    super(problems.join('\n'), options);
    this.problems = problems;
  }
}

/** A dataset (or other user file) that failed validation; every problem is `file:line: field: message`. */
export class DatasetError extends ProblemsError {
  override readonly name = 'DatasetError';
}

/** An eval definition (the API's object, a TypeScript config's) with settings that failed validation; every problem is `key: message`. */
export class ConfigError extends ProblemsError {
  override readonly name = 'ConfigError';
}

/** A target that cannot be built: bad spec, unknown provider, missing API key. */
export class TargetError extends InputError {
  override readonly name = 'TargetError';
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
