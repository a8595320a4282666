export type { AttemptError, AttemptRecord, AttemptTiming, AttemptUsage, ErrorType } from './attempt-record.ts';
export { planRun, type Plan, type PlannedRequest } from './plan-run.ts';
export { ResultsFile } from './results-file.ts';
export { runPlan, type RunDependencies, type RunSettings } from './run-plan.ts';
export { loadTokenCounter } from './token-counter.ts';
