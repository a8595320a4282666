import { InputError } from '../config/errors.ts';

/**
 * A `reporters:` entry that cannot be used. `path` leads from the reporters list to the problem
 * (`[2, 1, 'fileName']`: the third entry's fileName option), so a config loader can point at the
 * line of its file; `cause` is a failed module's own error.
 */
export class ReporterSettingError extends InputError {
  override readonly name = 'ReporterSettingError';
  readonly path: PropertyKey[];

  constructor(message: string, path: PropertyKey[], options?: ErrorOptions) {
    super(message, options);
    this.path = path;
  }
}
