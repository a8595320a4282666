import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** A temporary folder for one test's dataset, price table and run output. */
export async function makeWorkspace(): Promise<{ path: string; write(name: string, text: string | Uint8Array): Promise<string>; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'llm-bench-test-'));
  return {
    path,
    write: async (name, text) => {
      const file = join(path, name);
      await writeFile(file, text);
      return file;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

export async function readCsv(path: string): Promise<Array<Record<string, string>>> {
  return parse(await readFile(path, 'utf8'), { columns: true }) as Array<Record<string, string>>;
}

export async function readJsonLines<T = Record<string, unknown>>(path: string): Promise<T[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

export function jsonl(rows: object[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
}

export const testPrices = (models: string[]) =>
  `version: 1\nprices:\n${models
    .map((model) => `  - { model: ${model}, input: 0.15, output: 0.60, cached_input: 0.075, source: test, as_of: 2026-11-01 }`)
    .join('\n')}\n`;
