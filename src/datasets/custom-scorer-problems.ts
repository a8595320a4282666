import { importCustomScorer } from './import-custom-scorer.ts';
import type { DatasetProblem } from './source-record.ts';

/** A custom scorer module named in a dataset, found inside its folder. */
export type CustomModuleReference = { file: string; module: string; line: number; field: string };

/**
 * Imports every custom scorer module a dataset names, so one that cannot load (a syntax error, a
 * throw on import, no default export function) is refused at the line that names it, before any
 * request is paid for. Each module is reported once, where it is first named.
 */
export async function customScorerProblems(references: readonly CustomModuleReference[]): Promise<DatasetProblem[]> {
  const first = new Map<string, CustomModuleReference>();
  for (const reference of references) if (!first.has(reference.file)) first.set(reference.file, reference);
  const problems: DatasetProblem[] = [];
  for (const reference of first.values()) {
    try {
      await importCustomScorer(reference.file, reference.module);
    } catch (error) {
      problems.push({ line: reference.line, field: reference.field, message: (error as Error).message });
    }
  }
  return problems;
}
