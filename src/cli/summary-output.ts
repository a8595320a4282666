import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readReconciliation } from '../reports/read-reconciliation.ts';
import type { RunInfo } from '../reports/report-input.ts';
import { summaryOutputVersion, type SummaryOutput } from '../reports/summary-json-schema.ts';
import { summaryDocument } from '../reports/summary-json.ts';
import { describeRun } from '../session/run-description.ts';
import type { RunManifest } from '../session/run-manifest.ts';
import type { RunOutcome } from '../session/run-eval.ts';
import { summarizeSteps } from '../stats/index.ts';

/**
 * The `--json` document (schema/summary.schema.json): summary.json's run and summaries, the run
 * folder and the report files, the exit code and the facts that set it, and the gates. The run's
 * facts are read back from run.json, as the reports were given them.
 */
export async function summaryOutput(outcome: RunOutcome, exit: { exitCode: number; interrupted: boolean }): Promise<SummaryOutput> {
  // A sweep's folder holds its steps' run folders: the run and summaries are its last step's.
  const lastStep = outcome.sweep?.steps.at(-1);
  const runFolder = lastStep ? join(outcome.folder, lastStep.folder) : outcome.folder;
  const manifest = JSON.parse(await readFile(join(runFolder, 'run.json'), 'utf8')) as RunManifest;
  const run: RunInfo = {
    runId: manifest.runId,
    simulatedTargets: outcome.targets.filter((target) => target.simulated).map((target) => target.label),
    incomplete: outcome.incomplete,
    startedAt: manifest.startedAt,
    ...(manifest.finishedAt !== undefined ? { finishedAt: manifest.finishedAt } : {}),
    description: describeRun(manifest),
    ...(outcome.stoppedTargets.length > 0 ? { stoppedTargets: outcome.stoppedTargets } : {}),
    ...(outcome.budgetReached ? { budgetReached: true } : {}),
    ...(manifest.harness ? { harness: manifest.harness } : {}),
  };
  return {
    version: summaryOutputVersion,
    folder: outcome.folder,
    exitCode: exit.exitCode,
    incomplete: outcome.incomplete,
    interrupted: exit.interrupted,
    stoppedTargets: outcome.stoppedTargets,
    budgetReached: outcome.budgetReached,
    gates: outcome.gates,
    reports: outcome.reportPaths,
    // A sweep's records are its last step's, as its summaries are.
    ...summaryDocument({ summaries: outcome.summaries, run, ...summarizeSteps(outcome.records, outcome.summaries), reconciliation: await readReconciliation(runFolder) }),
    ...(outcome.sweep ? { sweep: outcome.sweep } : {}),
  };
}
