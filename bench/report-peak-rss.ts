/**
 * Preloaded (`node --import`) into a measured process: at exit, writes its peak RSS (bytes) and
 * its CPU time (µs) to the file named by LLM_BENCH_PEAK_RSS_FILE. With LLM_BENCH_RSS_TRACE set, also samples RSS and heap every
 * 250 ms to stderr, to see which phase of a run holds the memory.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';

const file = process.env['LLM_BENCH_PEAK_RSS_FILE'];
// Written at exit: `peakRssBytes cpuMicroseconds` (user + system, every thread). The launcher
// (bin/llm-bench.js) may run the CLI in a child that this preload also runs in: the file then
// keeps the larger peak and the sum of the CPU.
const written = (path: string): [number, number] => {
  try {
    const [rss, cpu] = readFileSync(path, 'utf8').split(' ').map(Number);
    return [rss || 0, cpu || 0];
  } catch {
    return [0, 0];
  }
};
if (file && isMainThread) {
  process.on('exit', () => {
    const [rss, cpu] = written(file);
    const usage = process.resourceUsage();
    writeFileSync(file, `${Math.max(rss, usage.maxRSS * 1024)} ${cpu + usage.userCPUTime + usage.systemCPUTime}`);
  });
}
if (process.env['LLM_BENCH_RSS_TRACE']) {
  const started = performance.now();
  setInterval(() => {
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
    process.stderr.write(`[rss t${threadId}] ${((performance.now() - started) / 1000).toFixed(1)}s rss=${mb(rss)} heap=${mb(heapUsed)}/${mb(heapTotal)} ext=${mb(external)} ab=${mb(arrayBuffers)}\n`);
  }, 250).unref();
}
