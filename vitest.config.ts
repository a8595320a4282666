import { defineConfig } from 'vitest/config';

// Timing tests compare the harness's measurements with what a local server was told to do, with
// millisecond tolerances. On a 2-core machine they are only meaningful when nothing else runs, so
// they are their own project, run after the others, one file at a time (see `npm test`).
const timingTests = ['test/**/*.timing.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'main', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: timingTests },
      },
      {
        extends: true,
        test: { name: 'timing', include: timingTests, fileParallelism: false },
      },
    ],
  },
});
