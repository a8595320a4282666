/**
 * Every benchmark, one after another, each in its own process so one's heap, JIT state and
 * leftover sockets do not colour the next. Prints each benchmark's tables and its wall time.
 *
 *   node bench/run-all.ts
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

// Issue 14's goals first (cold start, the eval job against promptfoo, load accuracy by engine, the
// lean engine, memory at scale), then the older benchmarks.
const benchmarks = [
  'cold-start.ts', 'eval-vs-promptfoo.ts', 'load-accuracy.ts', 'lean-engine.ts', 'memory-scale.ts',
  'mock-throughput.ts', 'timing-accuracy.ts', 'harness-overhead.ts', 'progress-overhead.ts', 'report-page.ts',
];

// Other processes' load is the first suspect when figures move between runs: it is printed with them.
const load = () => loadavg().map((average) => average.toFixed(2)).join(' ');
console.log(`${availableParallelism()} cores; load average (1, 5, 15 min) at start: ${load()}`);

const failed: string[] = [];
const startedAt = performance.now();
for (const benchmark of benchmarks) {
  console.log(`\n=== ${benchmark}`);
  if (!existsSync(new URL(benchmark, import.meta.url))) {
    console.log(`=== ${benchmark}: not in this checkout, skipped`);
    continue;
  }
  const benchmarkStartedAt = performance.now();
  const child = spawn(process.execPath, [new URL(benchmark, import.meta.url).pathname], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) failed.push(`${benchmark} (exit ${code})`);
  console.log(`=== ${benchmark}: ${((performance.now() - benchmarkStartedAt) / 1000).toFixed(1)} s; load average ${load()}`);
}
console.log(`\nAll benchmarks: ${((performance.now() - startedAt) / 1000).toFixed(1)} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
process.exitCode = failed.length ? 1 : 0;
