import { join } from 'node:path';
import type { AttemptRecord } from '../records/index.ts';
import { readResults } from '../records/read-results.ts';
import { readReconciliation, writeReports, type RunEvent } from '../reports/index.ts';
import { isPipelineRecord, isStepRecord } from '../records/pipeline-figures.ts';
import type { RunResult } from '../runner/index.ts';
import type { PreparedEval } from './prepare-eval.ts';
import type { HeldFolder } from './run-folder-session.ts';
import type { RunManifest } from './run-manifest.ts';
import type { RunOutcome } from './run-eval.ts';
import { caseAssertionMap, describeRun, reportCases } from './run-description.ts';
import { runGates } from './run-gates.ts';
import { plannedPairs, summariseRun } from './summarise-run.ts';
import { comparesCases, streamedReport, streamResults } from './streamed-results.ts';
import type { SettingNames } from '../config/settings/setting-names.ts';

/** Summarise, evaluate the gates, and write: the reports from every committed record, then run.json's ending. */
export async function finishRun(
  prepared: PreparedEval,
  held: HeldFolder,
  manifest: RunManifest,
  input: { run: RunResult; previousRecords: readonly AttemptRecord[]; interrupted: boolean; emit: (event: RunEvent) => Promise<void>; names: SettingNames; cwd: string },
): Promise<Omit<RunOutcome, 'resumed'>> {
  const { run } = input;
  const targets = prepared.inputs.targets;
  const finishedAt = new Date().toISOString();
  const incomplete = input.interrupted || run.budgetReached || run.stoppedTargets.length > 0;
  const planned = plannedPairs(prepared.fullPlan);
  const assertions = caseAssertionMap(prepared.inputs.cases);
  // A run too large to hold is read back as a stream (its reports then show a sample of its records).
  const streamed = run.records.length > 0 ? undefined : await streamResults(join(held.folder, 'results.jsonl'), { planned, assertions, slo: prepared.slo, caseRecords: comparesCases(planned, prepared.settings) });
  const summaryInput = {
    planned,
    assertions,
    baseline: prepared.settings.baseline,
    slo: prepared.slo,
    reconciliation: await readReconciliation(held.folder),
    run: {
      runId: manifest.runId,
      simulatedTargets: targets.filter((target) => target.simulated).map((target) => target.label),
      incomplete,
      startedAt: manifest.startedAt,
      finishedAt,
      ...(manifest.resumes?.length ? { resumedAt: manifest.resumes.map((resume) => resume.at) } : {}),
      cases: reportCases(prepared.inputs.cases),
      description: describeRun(manifest, input.cwd),
      ...(run.stoppedTargets.length > 0 ? { stoppedTargets: run.stoppedTargets } : {}),
      ...(run.budgetReached ? { budgetReached: true } : {}),
      ...(run.harness ? { harness: run.harness } : {}),
    },
  };
  const report = streamed ? streamedReport(streamed, summaryInput) : summariseRun({ ...summaryInput, records: await committedRecords(held, input.previousRecords, run) });
  // Before the reports, which show them: a gate reads results.jsonl, not the reports.
  const gates = await runGates({ folder: held.folder, records: streamed ? streamed.caseRecords : report.records, summaries: report.summaries }, prepared.settings, input.names, { cwd: input.cwd });
  if (gates.length > 0) report.gates = gates;
  const reportPaths = await writeReports(held.folder, report, prepared.reporters, streamed ? { resultsRows: streamed.all } : {});
  const results = streamed ? streamed.counts : resultCounts(report.records);
  await held.writeManifest({
    ...manifest,
    finishedAt,
    status: incomplete ? 'incomplete' : 'completed',
    ...(run.stoppedTargets.length > 0 ? { stoppedTargets: run.stoppedTargets } : {}),
    ...(run.budgetReached ? { budgetReached: true } : {}),
    ...(run.harness ? { harness: run.harness } : {}),
    ...(run.scheduleStartedAt ? { scheduleStartedAt: run.scheduleStartedAt } : {}),
    results,
  });
  await input.emit({ type: 'run-finished', folder: held.folder, report });
  await held.unlock();
  return {
    folder: held.folder,
    records: report.records,
    summaries: report.summaries,
    comparisons: report.comparisons,
    gates,
    // Described, as run.json describes them: a Target holds its keys, which an outcome must not.
    targets: manifest.targets,
    incomplete,
    stoppedTargets: run.stoppedTargets,
    budgetReached: run.budgetReached,
    ...(run.harness ? { harness: run.harness } : {}),
    ...(prepared.settings.rate !== undefined ? { openLoop: true } : {}),
    ...(report.run.recordsSampled ? { recordsSampled: report.run.recordsSampled } : {}),
    reportPaths: [held.manifestPath, join(held.folder, 'results.jsonl'), ...reportPaths],
  };
}

/** run.json's `results`. Slots are cases (a multi-call case's own record, not its steps'); attempts are requests sent (its steps', not its own). */
function resultCounts(records: readonly AttemptRecord[]): { attempts: number; slots: number; ok: number; errors: number } {
  const finals = records.filter((record) => record.final && !isStepRecord(record));
  return {
    attempts: records.filter((record) => !isPipelineRecord(record)).length,
    slots: finals.length,
    ok: finals.filter((record) => record.status === 'ok').length,
    errors: finals.filter((record) => record.status === 'error').length,
  };
}

/**
 * Every record of the run, earlier sessions' first. A run that did not hold its records
 * (runPlan's `retainRecords: false`) has them in results.jsonl, whole: every record was appended
 * there, in delivery order, before the next was delivered; a torn line was cut when resuming.
 */
export async function committedRecords(held: Pick<HeldFolder, 'folder'>, previousRecords: readonly AttemptRecord[], run: Pick<RunResult, 'records'>): Promise<AttemptRecord[]> {
  if (run.records.length > 0) return [...previousRecords, ...run.records];
  return (await readResults(join(held.folder, 'results.jsonl'), { cutTornLine: false })).records;
}
