/**
 * One thing wrong with a `reporters:` entry. `path` leads from the reporters list to the problem
 * (`[2, 1, 'fileName']`: the third entry's fileName option), so a config loader can point at the
 * line of its file; `message` says what is wrong there, without repeating where; `cause` is a
 * failed module's own error.
 */
export type ReporterProblem = { path: PropertyKey[]; message: string; cause?: unknown };
