import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type GeneratedCase = {
  case: Record<string, unknown> & { id: string };
  /** What the simulator answers for it (`reply` text), in the answer book. */
  reply: string;
  /** Whether that reply should pass the case's scorers: some are wrong on purpose. */
  passes: boolean;
};

export const datasetsFolder = path.join(import.meta.dirname, '..', 'datasets');

/** Writes `datasets/<name>.jsonl`, its answer book and its verdicts, in the formats test/datasets-shipped.test.ts reads. */
export async function writeDatasetFiles(name: string, comments: string[], defaults: Record<string, unknown>, cases: GeneratedCase[]): Promise<void> {
  const ids = new Set(cases.map((generated) => generated.case.id));
  if (ids.size !== cases.length) throw new Error(`${name}: duplicate case ids`);
  const lines = [...comments.map((comment) => `// ${comment}`), JSON.stringify({ defaults }), ...cases.map((generated) => JSON.stringify(generated.case))];
  await writeFile(path.join(datasetsFolder, `${name}.jsonl`), `${lines.join('\n')}\n`);
  const books = path.join(datasetsFolder, 'answer-books');
  await mkdir(books, { recursive: true });
  const book = cases.map((generated) => JSON.stringify({ match: { caseId: generated.case.id }, reply: generated.reply }));
  await writeFile(path.join(books, `${name}.answers.jsonl`), `${book.join('\n')}\n`);
  const verdicts = Object.fromEntries(cases.map((generated) => [generated.case.id, generated.passes]));
  await writeFile(path.join(books, `${name}.verdicts.json`), `${JSON.stringify(verdicts, null, 2)}\n`);
  console.log(`${name}: ${cases.length} cases, ${cases.filter((generated) => !generated.passes).length} answers wrong on purpose`);
}
