import type { z } from 'zod';
import { didYouMean } from '../config/did-you-mean.ts';
import { formatIssues } from '../config/format-issues.ts';
import type { NamedReporter } from './reporter.ts';
import { isReporterName, reporterNames, reporters, type ReporterEntry } from './reporters.ts';

/** A problem with a registry reporter: in its name, or at a path within its options. */
export type BuiltinProblem = { in: 'name'; message: string } | { in: 'options'; path: PropertyKey[]; message: string };

/** A registry reporter built with its options (checked), or every problem with the name or the options. */
export function createBuiltinReporter(name: string, options: Record<string, unknown> | undefined): { named: NamedReporter } | { problems: BuiltinProblem[] } {
  if (!isReporterName(name)) {
    const suggestion = didYouMean(name, reporterNames);
    const hint = suggestion === undefined ? '' : `; did you mean ${suggestion}?`;
    return { problems: [{ in: 'name', message: `unknown reporter ${JSON.stringify(name)}${hint} (reporters: ${reporterNames.join(', ')}; or a module path such as ./my-reporter.ts)` }] };
  }
  return create(name, reporters[name], options ?? {});
}

function create<Options>(name: string, entry: ReporterEntry<Options>, options: unknown): { named: NamedReporter } | { problems: BuiltinProblem[] } {
  const parsed = entry.options.safeParse(options);
  if (parsed.success) return { named: { name, reporter: entry.create(parsed.data), fileNames: entry.fileNames(parsed.data) } };
  const known = knownKeys(entry.options);
  const problems = formatIssues(parsed.error.issues, options).map((problem): BuiltinProblem => {
    const key = problem.path.at(-1);
    const unknownKey = parsed.error.issues.some((issue) => issue.code === 'unrecognized_keys' && issue.keys.includes(String(key)) && issue.path.length === problem.path.length - 1);
    const suggestion = unknownKey ? didYouMean(String(key), known) : undefined;
    const message = suggestion === undefined ? problem.message : `unknown field; did you mean ${suggestion}?`;
    return { in: 'options', path: problem.path, message };
  });
  return { problems };
}

/** The options an entry takes, for "did you mean": the keys of its object schema. */
function knownKeys(schema: z.ZodType): string[] {
  const definition = schema._zod.def as unknown as { type: string; shape?: Record<string, unknown> };
  return definition.type === 'object' && definition.shape ? Object.keys(definition.shape) : [];
}
