/**
 * Preloaded (`node --import`) into a measured process: at exit, writes its peak RSS (bytes) to the
 * file named by LLM_BENCH_PEAK_RSS_FILE. With LLM_BENCH_RSS_TRACE set, also samples RSS and heap every
 * 250 ms to stderr, to see which phase of a run holds the memory.
 */
import { writeFileSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';

const file = process.env['LLM_BENCH_PEAK_RSS_FILE'];
if (file && isMainThread) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
if (process.env['LLM_BENCH_RSS_TRACE']) {
  const started = performance.now();
  setInterval(() => {
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
    process.stderr.write(`[rss t${threadId}] ${((performance.now() - started) / 1000).toFixed(1)}s rss=${mb(rss)} heap=${mb(heapUsed)}/${mb(heapTotal)} ext=${mb(external)} ab=${mb(arrayBuffers)}\n`);
  }, 250).unref();
}
