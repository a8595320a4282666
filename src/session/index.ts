export { runEval, type RunContext, type RunOutcome } from './run-eval.ts';
export { resolveEval, settingsOfGivenDefinition, type ResolvedEval } from './resolve-eval.ts';
export { ignoredFlags } from './ignored-flags.ts';
export { qualityGateFailures } from './quality-gate.ts';
export { openPreviousRun } from './run-folder.ts';
export type { RunManifest } from './run-manifest.ts';
export { summariseRun, writeRunReports } from './write-run-reports.ts';
export { simulatorKnowledge, unknownCasesLines } from './simulator-cases.ts';
