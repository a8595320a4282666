import { execFileSync } from 'node:child_process';

export type CoreSeparation = {
  /** Start the measured process under this (empty where cores cannot be separated). */
  launcher: string[];
  /** Gives this process back every core it had. */
  restore(): void;
};

/**
 * Keeps the reference clock and the process it checks off each other's cores: this process (the
 * simulator, whose stamps are the ground truth) keeps the first of its cores and the launcher
 * starts the measured process on the rest. On a shared core, Linux wakes the simulator on the core of the
 * client thread that just wrote to it and lets that thread finish its slice: traced here, the
 * simulator stamped requests up to 3 ms after they arrived while the other core ran something
 * else, and that lateness is the simulator's, not the harness's.
 *
 * Linux with `taskset` (util-linux) and at least 2 cores; elsewhere nothing changes.
 */
export function separateCores(): CoreSeparation {
  const unchanged = { launcher: [], restore: () => {} };
  if (process.platform !== 'linux') return unchanged;
  try {
    // "pid 123's current affinity list: 0-3,6"
    const original = /:\s*(\S+)\s*$/.exec(execFileSync('taskset', ['-c', '-p', String(process.pid)], { encoding: 'utf8' }))?.[1];
    const cores = original ? expandCpuList(original) : [];
    if (!original || cores.length < 2) return unchanged;
    execFileSync('taskset', ['-a', '-c', '-p', String(cores[0]), String(process.pid)], { stdio: 'ignore' });
    return {
      launcher: ['taskset', '-c', cores.slice(1).join(',')],
      restore: () => execFileSync('taskset', ['-a', '-c', '-p', original, String(process.pid)], { stdio: 'ignore' }),
    };
  } catch {
    // No taskset, or not allowed: the measurement is as good as the scheduler makes it.
    return unchanged;
  }
}

function expandCpuList(list: string): number[] {
  return list.split(',').flatMap((range) => {
    const [first, last = first] = range.split('-').map(Number);
    return Array.from({ length: last! - first! + 1 }, (_, index) => first! + index);
  });
}
