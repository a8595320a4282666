import { execFileSync } from 'node:child_process';

export type CoreSeparation = {
  /** Start the other process under this (empty where cores cannot be separated). */
  launcher: string[];
  /** Gives this process back every core it had; never throws. */
  restore(): void;
};

/**
 * Keeps two processes that time each other off each other's cores: this process keeps the first
 * of its cores, and the launcher starts the other process on the rest. On a shared core, Linux
 * wakes a thread on the core of the thread that just wrote to it and lets the writer finish its
 * slice: traced here with ftrace, the simulator stamped requests up to 3 ms after they arrived
 * while the other core ran something else, and that lateness was the simulator's, not the
 * harness's.
 *
 * Linux with `taskset` (util-linux) and at least 2 cores; elsewhere nothing changes.
 */
export function separateCores(): CoreSeparation {
  const unchanged = { launcher: [], restore: () => {} };
  if (process.platform !== 'linux') return unchanged;
  const pid = String(process.pid);
  let original: string | undefined;
  const restore = () => {
    try {
      if (original) execFileSync('taskset', ['-a', '-c', '-p', original, pid], { stdio: 'ignore' });
    } catch {
      // A thread that ended meanwhile; the others have their cores back.
    }
  };
  try {
    // "pid 123's current affinity list: 0-3,6"
    original = /:\s*(\S+)\s*$/.exec(execFileSync('taskset', ['-c', '-p', pid], { encoding: 'utf8' }))?.[1];
    const cores = original ? expandCpuList(original) : [];
    if (cores.length < 2) return unchanged;
    execFileSync('taskset', ['-a', '-c', '-p', String(cores[0]), pid], { stdio: 'ignore' });
    return { launcher: ['taskset', '-c', cores.slice(1).join(',')], restore };
  } catch {
    // No taskset, or not allowed (perhaps after some threads were moved): as the scheduler has it.
    restore();
    return unchanged;
  }
}

/** The command and arguments that run this Node with `args` under `launcher` (as spawn takes them). */
export function nodeUnder(launcher: string[] | undefined, args: string[]): [string, string[]] {
  const [command, ...rest] = [...(launcher ?? []), process.execPath, ...args];
  return [command!, rest];
}

/** `0-3,6` → [0, 1, 2, 3, 6] */
function expandCpuList(list: string): number[] {
  return list.split(',').flatMap((range) => {
    const [first, last = first] = range.split('-').map(Number);
    return Array.from({ length: last! - first! + 1 }, (_, index) => first! + index);
  });
}
