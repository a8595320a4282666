/**
 * Errors a user can fix: bad flags, bad files, missing keys. The CLI turns them into a short
 * message and exit code 2; anything else is a bug and gets a stack trace and exit code 1.
 */
export class InputError extends Error {
  override readonly name: string = 'InputError';
  readonly exitCode = 2;
}

/** A dataset (or other user file) that failed validation; every problem is `file:line: field: message`. */
export class DatasetError extends InputError {
  override readonly name = 'DatasetError';
  readonly problems: string[];

  constructor(problems: string[], options?: ErrorOptions) {
    super(problems.join('\n'), options);
    this.problems = problems;
  }
}

/** An eval definition (the API's object, a TypeScript config's) with settings that failed validation; every problem is `key: message`. */
export class ConfigError extends InputError {
  override readonly name = 'ConfigError';
  readonly problems: string[];

  constructor(problems: string[], options?: ErrorOptions) {
    super(problems.join('\n'), options);
    this.problems = problems;
  }
}

/** A target that cannot be built: bad spec, unknown provider, missing API key. */
export class TargetError extends InputError {
  override readonly name = 'TargetError';
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
