const placeholder = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** Replaces `{{name}}` with `vars.name`; names without a value are returned, not left in the text. */
export function renderTemplate(template: string, vars: Record<string, string>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(placeholder, (match, name: string) => {
    // hasOwn: a variable named `constructor` must not find Object.prototype's.
    if (Object.hasOwn(vars, name)) return vars[name] as string;
    if (!missing.includes(name)) missing.push(name);
    return match;
  });
  return { text, missing };
}
