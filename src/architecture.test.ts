import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.dirname(new URL(import.meta.url).pathname);

/** What each stage may import besides itself: data flows one way (README, Development). */
const allowed: Record<string, string[]> = {
  config: [],
  records: ['config'],
  mock: ['config'],
  stats: ['records', 'config'],
  reports: ['stats', 'records', 'config'],
  datasets: ['targets', 'config', 'records'],
  targets: ['config', 'records'],
  scoring: ['datasets', 'targets', 'config', 'records'],
  runner: ['datasets', 'targets', 'scoring', 'config', 'records'],
  session: ['datasets', 'targets', 'runner', 'scoring', 'stats', 'reports', 'mock', 'config', 'records'],
  cli: ['session', 'datasets', 'targets', 'runner', 'scoring', 'stats', 'reports', 'mock', 'config', 'records'],
};

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true });
  return entries.filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.test.ts') && !entry.split(path.sep).includes('test')).map((entry) => path.join(folder, entry));
}

describe('the stages of src/', () => {
  it('import only the stages below them: the simulator no client code, records and config nothing above them', async () => {
    const breaches: string[] = [];
    for (const [stage, below] of Object.entries(allowed)) {
      for (const file of await sourceFiles(path.join(src, stage))) {
        const text = await readFile(file, 'utf8');
        for (const match of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
          const target = path.relative(src, path.resolve(path.dirname(file), match[1]!)).split(path.sep)[0]!;
          if (target !== stage && !below.includes(target)) breaches.push(`${path.relative(src, file)} imports ${match[1]}`);
        }
      }
    }
    expect(breaches).toEqual([]);
  });
});
