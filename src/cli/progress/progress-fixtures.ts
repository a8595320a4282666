import type { ProgressSnapshot, TargetProgress } from './progress-state.ts';

/** A target's live figures, for the renderers' tests. */
export const targetProgress = (label: string, overrides: Partial<TargetProgress> = {}): TargetProgress => ({ label, ttftP50Ms: 412, passRate: 0.92, stopped: false, ...overrides });

/** A run 123 of 800 slots in, with errors, retries, spend and three targets (one stopped), for the renderers' tests. */
export const progressSnapshot = (overrides: Partial<ProgressSnapshot> = {}): ProgressSnapshot => ({
  done: 123,
  total: 800,
  elapsedMs: 30_000,
  slotsPerSecond: 4.1,
  etaMs: 161_000,
  errors: [{ type: 'timeout', count: 3 }, { type: 'stream_error', count: 1 }],
  retries: 2,
  spentUsd: 0.0123,
  maxCostUsd: 1,
  targets: [targetProgress('openai/gpt-4o-mini@openai'), targetProgress('openai/gpt-4o-mini@azure', { ttftP50Ms: 380, passRate: 0.88 }), targetProgress('anthropic:claude-sonnet-4', { stopped: true })],
  finished: false,
  stoppedBy: undefined,
  ...overrides,
});
