import { readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A process as /proc shows it; the start time tells it apart from a later one with its PID. */
export type ProcessIdentity = { pid: number; startTime: string; title: string };

/** `pid` and every process below it, read from /proc (Linux). */
export function processTree(pid: number): ProcessIdentity[] {
  const root = identify(pid);
  return root ? [root, ...descendants(pid)] : descendants(pid);
}

/** Every process below `pid` (children, theirs, …), read from /proc (Linux). */
export function descendants(pid: number): ProcessIdentity[] {
  const found: ProcessIdentity[] = [];
  for (const child of childPids(pid)) {
    const identity = identify(child);
    if (identity) found.push(identity, ...descendants(child));
  }
  return found;
}

export function isRunning({ pid, startTime }: ProcessIdentity): boolean {
  const stat = readStat(pid);
  // A zombie has ended; it only waits for whoever adopted it to collect its exit status.
  return stat !== undefined && stat.startTime === startTime && stat.state !== 'Z';
}

/** Waits until none of `processes` runs, or `timeoutMs` passes; returns those still running. */
export async function waitUntilEnded(processes: ProcessIdentity[], timeoutMs: number): Promise<ProcessIdentity[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = processes.filter(isRunning);
    if (running.length === 0 || Date.now() > deadline) return running;
    await sleep(100);
  }
}

/** For a test's clean-up: ends whatever is left of a process tree. */
export function killAll(processes: ProcessIdentity[]): void {
  for (const { pid } of processes.filter(isRunning)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Ended meanwhile.
    }
  }
}

/** True when nothing accepts a connection on 127.0.0.1:`port`. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((thread) =>
      readFileSync(`/proc/${pid}/task/${thread}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function identify(pid: number): ProcessIdentity | undefined {
  const stat = readStat(pid);
  if (!stat) return undefined;
  let title = '';
  try {
    title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    // Ended meanwhile: keep the empty title.
  }
  return { pid, startTime: stat.startTime, title };
}

function readStat(pid: number): { state: string; startTime: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (command name)", whose name may hold spaces and parentheses: state, ppid, …
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, startTime: fields[19]! };
  } catch {
    return undefined;
  }
}
