import path from 'node:path';

/** A path as the user would write it: relative to the working folder when it is inside it, else as it is. */
export function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
