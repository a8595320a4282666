/** Files of the run folder that the run itself owns: a report must never replace them. */
const runFiles = new Set(['run.json', 'results.jsonl', 'run.lock']);

/**
 * Why `name` cannot be a report's file name, or undefined when it can. A report is written inside
 * the run folder, so its name is one plain segment: no folder, no `..`, no control character, and
 * neither a file of the run nor a name the leftover-temporary cleanup would delete.
 */
export function reportFileNameProblem(name: string): string | undefined {
  if (name === '' || name.trim() !== name) return `expected a file name, got ${JSON.stringify(name)}`;
  if (name === '.' || name === '..' || /[/\\]/.test(name)) return `expected a plain file name without a folder, got ${JSON.stringify(name)}`;
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return `expected a file name without control characters, got ${JSON.stringify(name)}`;
  if (name.length > 200) return `expected a file name of at most 200 characters, got ${name.length}`;
  if (runFiles.has(name.toLowerCase())) return `${name} is the run's own file (a report must not replace it)`;
  if (/\.tmp-\d+(-\d+)?$/.test(name)) return `${name} looks like a temporary file, which is removed when the folder is next opened`;
  return undefined;
}
