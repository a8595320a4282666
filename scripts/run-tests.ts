// `npm test`: the typecheck and every vitest project, each run even when one before it failed, so
// that one failure does not hide another. Exits 1 if any group failed.
//   node scripts/run-tests.ts
import { spawnSync } from 'node:child_process';

const groups = [
  { name: 'typecheck', command: ['tsc', '--noEmit'] },
  { name: 'main tests', command: ['vitest', 'run', '--project', 'main'] },
  // Timing tests come last and alone: they measure, and want the machine to themselves.
  { name: 'timing tests', command: ['vitest', 'run', '--project', 'timing'] },
];

const outcomes: string[] = [];
let failed = false;
for (const { name, command } of groups) {
  const [program, ...args] = command as [string, ...string[]];
  // npm puts node_modules/.bin on PATH; Windows finds its .cmd shims only through a shell.
  const result = spawnSync(program, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  // Ctrl-C reaches the group too: stop there rather than start the next one.
  if (result.signal === 'SIGINT' || result.signal === 'SIGTERM') process.exit(130);
  const passed = result.status === 0;
  failed ||= !passed;
  outcomes.push(`${name}: ${passed ? 'passed' : result.error ? `could not start (${result.error.message})` : `failed (exit code ${result.status ?? result.signal})`}`);
}
console.log(`\n${outcomes.join('\n')}`);
process.exit(failed ? 1 : 0);
