import { defineConfig } from 'vitest/config';

// Timing tests compare the harness's measurements with the simulator's ground truth, end to end.
// Their bounds hold on a busy machine (each file says why), but they start many streams and take
// cores from each other: they are their own project, one file at a time (see `npm test`). The
// unit tests of where the clock starts and stops (src/runner/run-attempt.test.ts, run-plan.test.ts)
// open gaps of a second and run with the others. The 2 ms accuracy figure is `npm run bench`'s.
const timingTests = ['test/**/*.timing.test.ts'];
// A project's own `exclude` replaces vitest's default: node_modules (and the bench's promptfoo
// install, with its packages' own tests) must be named again.
const neverTests = ['**/node_modules/**', 'bench/.cache/**'];

export default defineConfig({
  test: {
    // End-to-end tests start the real CLI: beside two busy processes a 10 s test can take 40 s.
    // A hang still fails, named, at this bound; no test asserts the machine's speed with it.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    projects: [
      {
        extends: true,
        test: { name: 'main', include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'], exclude: [...timingTests, ...neverTests] },
      },
      {
        extends: true,
        test: { name: 'timing', include: timingTests, exclude: neverTests, fileParallelism: false },
      },
    ],
  },
});
