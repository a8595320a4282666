import type { JSONValue } from 'ai';
import { credentialName } from './url-credential.ts';

/** Option names whose values are credentials, as in a URL's query: `apiKey`, `token`, `secret`, `password`, `auth`, `sig`… */
const secretName = credentialName;

/**
 * The values a target's options hold under a credential's name, at any depth (a
 * `headers: { Authorization: 'Bearer …' }` too), and every text under the AI Gateway's `byok`
 * (request-scoped credentials, whatever their names): redacted like the keys read from the
 * environment, so that an eval file that carries one never writes it to run.json or a report.
 */
export function optionSecrets(options: Record<string, unknown> | undefined): string[] {
  const found: string[] = [];
  const visit = (value: JSONValue | unknown, named: boolean) => {
    if (typeof value === 'string') {
      if (named) found.push(value, ...value.split(/\s+/).filter((part) => part.length >= 8));
      return;
    }
    if (Array.isArray(value)) for (const item of value) visit(item, named);
    else if (value !== null && typeof value === 'object') for (const [name, inner] of Object.entries(value)) visit(inner, named || secretName.test(name) || name === 'byok');
  };
  visit(options, false);
  return found;
}
