import { maxCaseCharacters } from '../config/value-text-problems.ts';

const placeholder = /\{\{\s*([\w.-]+)\s*\}\}/g;

/**
 * Replaces `{{name}}` with `vars.name`; names without a value are returned, not left in the text.
 * `tooLong` when the filled text would pass what one case may hold: a thousand `{{a}}` of an 8 Mi
 * character `a` is refused, not built (past 512 Mi characters, Node throws).
 */
export function renderTemplate(template: string, vars: Record<string, string>): { text: string; missing: string[]; tooLong?: true } {
  const missing: string[] = [];
  let length = template.length;
  let tooLong = false;
  const text = template.replace(placeholder, (match, name: string) => {
    // hasOwn: a variable named `constructor` must not find Object.prototype's.
    if (Object.hasOwn(vars, name)) {
      const value = vars[name] as string;
      length += value.length - match.length;
      if (length > maxCaseCharacters) tooLong = true;
      return tooLong ? match : value;
    }
    if (!missing.includes(name)) missing.push(name);
    return match;
  });
  return tooLong ? { text, missing, tooLong: true } : { text, missing };
}
