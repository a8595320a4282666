import { describe, expect, it } from 'vitest';
import { harnessWorkers } from '../harness-workers.ts';
import { createLeanPool } from './lean-pool.ts';

describe('createLeanPool', () => {
  it('ready(): starts its workers, once, and resolves when each has loaded and said so', async () => {
    const before = new Set(harnessWorkers());
    const pool = createLeanPool(2);
    try {
      await pool.ready();
      const started = harnessWorkers().filter((worker) => !before.has(worker));
      expect(started).toHaveLength(2);
      // Loaded and listening: each has run its module (a worker that had not would have no thread id yet or be gone).
      expect(started.every((worker) => worker.threadId > 0)).toBe(true);
      await pool.ready();
      expect(harnessWorkers().filter((worker) => !before.has(worker))).toEqual(started);
    } finally {
      await pool.close();
    }
  });
});
