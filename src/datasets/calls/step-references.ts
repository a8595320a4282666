const placeholder = /\{\{\s*(steps\.[\w.-]+)\s*\}\}/g;

/** One `{{steps.…}}` placeholder of a template, as written. */
export type StepReference = { text: string; step: string; problem?: string };

/**
 * The earlier answers a template uses: `{{steps.NAME.output}}`, `{{steps.NAME.json}}` or
 * `{{steps.NAME.json.PATH}}`. A placeholder of another shape comes back with its problem, so a
 * typo such as `{{steps.classify.ouput}}` is refused at load, not sent as written.
 */
export function stepReferences(template: string): StepReference[] {
  const references: StepReference[] = [];
  for (const match of template.matchAll(placeholder)) {
    const text = match[1] as string;
    const [, step = '', kind, ...path] = text.split('.');
    const shapeFine = step !== '' && (kind === 'output' ? path.length === 0 : kind === 'json' && path.every((key) => key !== ''));
    references.push(
      shapeFine
        ? { text, step }
        : { text, step, problem: `"{{${text}}}" is not a step's answer: use {{steps.NAME.output}}, or {{steps.NAME.json.PATH}} for a field of it parsed as JSON` },
    );
  }
  return references;
}

/**
 * The static text of a template around its `{{steps.…}}` placeholders, in order: what is sure to
 * be in the prompt whatever the earlier steps answered. The simulator finds a step by it.
 */
export function staticParts(template: string): string[] {
  return template.split(placeholder).filter((_part, index) => index % 2 === 0);
}
