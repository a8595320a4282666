export type { AttemptError, AttemptRecord, AttemptTiming, AttemptUsage, ErrorType } from './attempt-record.ts';
export { planRun, type Plan, type PlannedRequest } from './plan-run.ts';
export { ResultsFile } from './results-file.ts';
export { runPlan, type RunDependencies, type RunSettings } from './run-plan.ts';
export { loadTokenCounter } from './token-counter.ts';
export { readResults } from './read-results.ts';
export { normalizeFinals, resumePlan } from './resume-plan.ts';
export { slotKey } from './slot-key.ts';
