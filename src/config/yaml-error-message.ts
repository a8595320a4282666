import type { YAMLError } from 'yaml';

/**
 * A YAML parse error in the project's words: the parser's first line, but not its advice to call
 * another function of its own API (`please use YAML.parseAllDocuments()`). `what` is the file as a
 * user names it, with its article: `an eval file`, `a price table`.
 */
export function yamlErrorMessage(error: YAMLError, what: string): string {
  if (error.code === 'MULTIPLE_DOCS') return `more than one YAML document (---); ${what} is one document`;
  return error.message.split('\n')[0] as string;
}
