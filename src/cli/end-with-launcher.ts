import { readFileSync } from 'node:fs';

type ProcessStat = { parent: number; state: string; startTime: string };

/**
 * Ends this process (as a SIGHUP would: `mock` closes, `run` drains and writes its reports) when
 * what launched it is gone. Two launchers do not pass every signal on:
 * - npm (`npx llm-bench`, `npm start`) runs us through `sh -c`, passes SIGINT and SIGTERM to that
 *   shell only, and SIGHUP to no one. A SIGTERM ends the shell, which does not pass it on, and
 *   then npm; a SIGHUP ends npm alone. Either way we would keep running, re-parented. So when npm
 *   started us, we watch it (Linux: /proc). (A SIGINT to npm alone ends nothing: the shell holds
 *   it until its command ends, taking the terminal to have sent it to the whole job.)
 * - bin/llm-bench.js, when it runs us as its child, passes every signal on, but a SIGKILL ends it
 *   alone. So we watch it too (any platform: our parent changes).
 */
export function endWithLauncher(
  { environment = process.env, intervalMs = 500 }: { environment?: NodeJS.ProcessEnv; intervalMs?: number } = {},
): void {
  const watched = watchedLaunchers(environment);
  delete environment.LLM_BENCH_LAUNCHER;
  if (watched.length === 0) return;
  const timer = setInterval(() => {
    if (watched.every((isAlive) => isAlive())) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGHUP');
  }, intervalMs);
  timer.unref();
}

function watchedLaunchers(environment: NodeJS.ProcessEnv): (() => boolean)[] {
  const watched: (() => boolean)[] = [];
  const launcher = Number(environment.LLM_BENCH_LAUNCHER);
  if (launcher === process.ppid) watched.push(() => process.ppid === launcher);
  const npm = environment.npm_command === undefined ? undefined : nearestNpm();
  if (npm) {
    watched.push(() => {
      const stat = processStat(npm.pid);
      return stat?.startTime === npm.startTime && stat.state !== 'Z';
    });
  }
  return watched;
}

/** The nearest ancestor that npm names `npm <command>` in its process title, a few levels up at most. */
function nearestNpm(): { pid: number; startTime: string } | undefined {
  let pid = process.ppid;
  for (let level = 0; level < 8 && pid > 1; level += 1) {
    const stat = processStat(pid);
    if (!stat) return undefined;
    if (/^npm( |$)/.test(processTitle(pid))) return { pid, startTime: stat.startTime };
    pid = stat.parent;
  }
  return undefined;
}

function processStat(pid: number): ProcessStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (command name)", whose name may hold spaces and parentheses: state, ppid, …
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, parent: Number(fields[1]), startTime: fields[19]! };
  } catch {
    return undefined;
  }
}

function processTitle(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '';
  }
}
