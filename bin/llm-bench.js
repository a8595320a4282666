#!/usr/bin/env node
// The launcher. Plain JavaScript, so that any Node can run it and say what is wrong.
//
// llm-bench runs its TypeScript sources directly, which needs Node >= 22.18 (type stripping), and
// Node strips types only outside node_modules. In a checkout on such a Node the CLI runs in this
// process. Otherwise (an older Node, or an installed package, which lives in node_modules) it runs
// in a child: on this Node if it is new enough, else on the Node 24 of the optional dependency
// `node`, with a loader hook that strips the package's own types (workers included). The child
// gets each SIGINT, SIGTERM and SIGHUP sent to this process, once, and this process ends as it does.
import { existsSync, readFileSync } from 'node:fs';
// The default export: `enableCompileCache` is missing on an older Node, which must still run this.
import nodeModule, { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const minimum = [22, 18];
const mainUrl = new URL('../src/cli/main.ts', import.meta.url);
const mainPath = fileURLToPath(mainUrl);
const stripTypesHook = new URL('./strip-package-types.js', import.meta.url).href;
const forwardedSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function runsTypeScript(version) {
  const [major, minor] = version.split('.').map(Number);
  return major > minimum[0] || (major === minimum[0] && minor >= minimum[1]);
}

/** The Node 24 that the optional dependency `node` installs, if it did. */
function bundledNode() {
  try {
    const manifestPath = createRequire(import.meta.url).resolve('node/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const binary = join(dirname(manifestPath), manifest.bin.node);
    return existsSync(binary) && runsTypeScript(manifest.version) ? binary : undefined;
  } catch {
    return undefined;
  }
}

async function launch(node, nodeOptions) {
  // Only here: a start in this process (the usual one) does not load child_process and net.
  const { spawn } = await import('node:child_process');
  const child = spawn(node, [...process.execArgv, ...nodeOptions, mainPath, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, LLM_BENCH_LAUNCHER: String(process.pid) },
    // A session (and process group) of its own: a Ctrl-C at the terminal, sent to the whole group,
    // reaches the child once, from here, not twice, which `run` would take as "quit now, without
    // reports". The cost: Ctrl-Z stops this process, not the child.
    detached: process.platform !== 'win32',
  });
  for (const signal of forwardedSignals) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`llm-bench: cannot start ${node}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal === null) process.exit(code ?? 1);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
}

// V8 lets a busy main thread's young generation grow past 100 MB of resident memory on a large
// machine, for a heap that keeps far less; 2 MB semi-spaces keep it small (the standard eval job:
// peak RSS 304 -> 244 MB, CPU unchanged, issue 14). Only Node's command line sets it, so a start in
// this process is replaced by one with the flag (process.execve: the same process, about 30 ms).
// Only the commands that run or read a run get it: `--help`, `--version` and the others keep their
// cold start, and `mock` (a server) keeps V8's default. A flag the user gives Node wins.
const semiSpaceFlag = '--max-semi-space-size=2';
const heavyCommands = ['run', 'demo', 'report', 'merge', 'compare', 'choose'];
const quickCommand =
  !heavyCommands.includes(process.argv[2] ?? '') || process.argv.slice(2).some((argument) => ['--help', '-h', '--version'].includes(argument));
const semiSpaceGiven = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((option) =>
  option.replaceAll('_', '-').startsWith('--max-semi-space-size'),
);
const semiSpace = quickCommand || semiSpaceGiven ? [] : [semiSpaceFlag];

const underNodeModules = mainPath.split(sep).includes('node_modules');
const currentNode = runsTypeScript(process.versions.node) ? process.execPath : undefined;
const node = currentNode ?? bundledNode();
if (node === undefined) {
  console.error(
    `llm-bench: needs Node.js ${minimum.join('.')} or newer (it runs its TypeScript sources directly); ` +
      `this is Node ${process.versions.node} (${process.execPath}), and the optional dependency \`node\` ` +
      '(Node 24) is not installed. Install a newer Node, or install llm-bench again without --omit=optional.',
  );
  process.exit(1);
} else if (node === currentNode && !underNodeModules) {
  // Under Node's --permission without --allow-child-process, execve is refused: run here as it is.
  const mayExec = typeof process.execve === 'function' && process.permission?.has('child') !== false;
  if (semiSpace.length > 0 && mayExec) {
    try {
      process.execve(process.execPath, [process.execPath, ...semiSpace, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], process.env);
    } catch {
      // Refused all the same: run here, with V8's default.
    }
  }
  // main.ts and what it loads are kept compiled (types stripped, bytecode) for the next start;
  // turned on here, before main.ts, which Node would otherwise strip on every start.
  const cache = nodeModule.enableCompileCache?.();
  // Worker threads (the transport's, the lean engine's) look for the variable as they start:
  // with it, their modules are read from the same cache (about 35 ms of CPU less per worker).
  if (cache?.directory && process.env.NODE_COMPILE_CACHE === undefined) process.env.NODE_COMPILE_CACHE = cache.directory;
  await import(mainUrl.href);
} else {
  await launch(node, [...semiSpace, ...(underNodeModules ? ['--import', stripTypesHook] : [])]);
}
