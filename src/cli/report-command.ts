import { access } from 'node:fs/promises';
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { emptyFlagProblem } from '../config/limits.ts';
import { InputError } from '../config/errors.ts';
import { settingsOfFlags, withSettingFlags } from '../config/settings/setting-flags.ts';
import type { PlannedPair } from '../stats/index.ts';
import { flagNames } from '../config/settings/setting-names.ts';
import { terminalSafe } from '../reports/terminal-safe.ts';
import type { RunManifest } from '../session/index.ts';
import type { ReportCase } from '../reports/report-input.ts';
import { outputWidth } from './output-width.ts';
import { fitLine, lineWidth } from './fit-line.ts';


/**
 * `llm-bench report <run folder>`: writes a run's reports again from what it committed to
 * results.jsonl, sending nothing. For a run that was killed before it could write them, and for
 * comparing against another baseline.
 */
export const reportCommand: CommandModule = {
  command: 'report <folder>',
  describe: "Write a run's reports again from its results.jsonl (after a crash, or with another --baseline); sends nothing",
  builder: (yargs) =>
    withSettingFlags(yargs, ['baseline', 'wide'])
      .positional('folder', { type: 'string', demandOption: true, describe: 'The run folder (holds run.json and results.jsonl)' })
      .example('$0 report reports/20261125T101500Z-3fa9c2', 'Rebuild the reports of a run that was killed')
      .example('$0 report reports/20261125T101500Z-3fa9c2 --baseline openai:gpt-4o', 'Compare every target with GPT-4o'),
  handler: async (argv) => {
    const folder = argv.folder as string;
    // An empty --baseline (an unset variable) would fall back to the first target, silently.
    const empty = emptyFlagProblem('folder', folder);
    if (empty) throw new InputError(empty);
    const { baseline, wide } = settingsOfFlags(argv, ['baseline', 'wide']);
    // Loaded here, not at the top: `--help` and a refused flag need none of it (cold start).
    const [{ describeRun, openPreviousRun, runGates, summariseRun }, { loadReporters, readReconciliation, writeReports }, { qualityGateFailures, qualityGatePasses }, { parseSlo }, { printGateLines, printReportPaths, printTables }, { comparesCases, mayStream, resultsShape, streamedReport, streamShapedResults }, { readResults }] = await Promise.all([
      import('../session/index.ts'),
      import('../reports/index.ts'),
      import('../session/quality-gate.ts'),
      import('../stats/slo.ts'),
      import('./print-reports.ts'),
      import('../session/streamed-results.ts'),
      import('../records/read-results.ts'),
    ]);
    // Read only: a torn last line is left for a --resume to cut. The records are read after the
    // manifest: a run too large to hold is read as a stream (streamResults), never whole.
    const resultsPath = path.join(folder, 'results.jsonl');
    const large = await mayStream(resultsPath);
    const opened = await openPreviousRun(folder, { command: 'report', cutTornLine: false, records: !large });
    const { manifest } = opened;
    const shape = large ? await resultsShape(resultsPath) : undefined;
    const { records, droppedTornLine } = large && !shape ? await readResults(resultsPath, { cutTornLine: false }) : opened;
    const simulated = manifest.targets.filter((target) => target.simulated).map((target) => target.label);
    const reporters = await loadReporters(manifest.definition?.reporters as Parameters<typeof loadReporters>[0], process.cwd());
    const { cases, assertions } = await datasetCases(manifest, shape ? shape.named : records.some((record) => record.dataset !== undefined));
    // The run's gates, as it evaluated them (run.json keeps its settings), for the reports that show them.
    const { settings: gating, baselineGone } = await gateSettings(manifest);
    const planned = manifestPlan(manifest);
    // Goodput as the run judged it: its --slo, from run.json.
    const slo = manifest.settings.slo?.length ? parseSlo(manifest.settings.slo) : undefined;
    const summaryInput = {
      ...(assertions ? { assertions } : {}),
      reconciliation: await readReconciliation(folder),
      planned,
      baseline: baseline ?? manifest.settings.baseline,
      ...(slo ? { slo } : {}),
      run: {
        runId: manifest.runId,
        simulatedTargets: simulated,
        incomplete: manifest.status !== 'completed',
        startedAt: manifest.startedAt,
        ...(manifest.finishedAt ? { finishedAt: manifest.finishedAt } : {}),
        ...(manifest.resumes?.length ? { resumedAt: manifest.resumes.map((resume) => resume.at) } : {}),
        ...(cases ? { cases } : {}),
        description: describeRun(manifest, process.cwd()),
        ...(manifest.stoppedTargets ? { stoppedTargets: manifest.stoppedTargets } : {}),
        ...(manifest.budgetReached ? { budgetReached: true } : {}),
        ...(manifest.harness ? { harness: manifest.harness } : {}),
      },
    };
    const streamed = shape ? await streamShapedResults(resultsPath, shape, { planned, assertions, slo, caseRecords: comparesCases(planned, gating) }) : undefined;
    const report = streamed ? streamedReport(streamed, summaryInput) : summariseRun({ ...summaryInput, records });
    const width = lineWidth(process.stdout, wide ?? false);
    if (baselineGone) console.log(fitLine(`Drop and ratio gates are not evaluated again: the baseline run ${terminalSafe(baselineGone, { oneLine: true })} is no longer there.`, width));
    const gates = await runGates({ folder, records: streamed ? streamed.caseRecords : report.records, summaries: report.summaries }, gating, flagNames, { cwd: process.cwd() });
    if (gates.length > 0) report.gates = gates;
    const reportPaths = await writeReports(folder, report, reporters, streamed ? { resultsRows: streamed.all } : {});
    if (droppedTornLine) console.log('A half-written last line of results.jsonl was left out.');
    printTables(report.summaries, report.comparisons, simulated, { width: outputWidth(process.stdout), records: report.records, stoppedTargets: manifest.stoppedTargets ?? [], harness: manifest.harness, ...(manifest.settings.rate !== undefined ? { openLoop: true } : {}), ...(wide ? { wide: true } : {}) });
    const gateLines = [...qualityGatePasses(gates), ...qualityGateFailures(gates)];
    printGateLines(gateLines, width);
    printReportPaths(folder, reportPaths, manifest.status !== 'completed');
  },
};

/** The gate settings run.json recorded, with the defaults of the runs that recorded none. */
async function gateSettings(manifest: RunManifest): Promise<{ settings: Parameters<typeof import('../session/index.ts').runGates>[1]; baselineGone?: string }> {
  const { gates, minPassRate, maxDrop, baselineRun, alpha, midP, powerMargin } = manifest.settings;
  const common = { minPassRate, alpha: alpha ?? 0.05, midP: midP ?? false, powerMargin: powerMargin ?? 0.05 };
  // A baseline run deleted or moved since: its gates passed or failed when the run was made, and
  // cannot be judged again; failing them now would rewrite a passed run's reports as failed.
  if (baselineRun !== undefined && !(await exists(path.resolve(baselineRun, 'run.json')))) {
    const { parseGate } = await import('../stats/gates/parse-gate.ts');
    const absolute = gates?.filter((text) => {
      const parsed = parseGate(text);
      return 'gate' in parsed && parsed.gate.form === 'absolute';
    });
    return { settings: { ...common, gates: absolute }, baselineGone: baselineRun };
  }
  return { settings: { ...common, gates, maxDrop, baselineRun } };
}

const exists = (file: string) => access(file).then(() => true, () => false);

/** The plan as run.json describes it: every prompt × target, in the run's order (see planRun), each case × repeat. */
function manifestPlan(manifest: RunManifest): PlannedPair[] {
  const slots = manifest.dataset.cases * manifest.identity.repeats;
  // A prompt is recorded as `label sha256`, or `default`.
  const prompts = manifest.identity.prompts.map((prompt) => (prompt === 'default' ? prompt : prompt.slice(0, prompt.lastIndexOf(' '))));
  return prompts.flatMap((prompt) => manifest.targets.map((target) => ({ target: target.label, prompt, slots })));
}

/**
 * The datasets' cases in their order, with their prompts, when their files are still where the
 * run read them; and which have assertions, when the files are still as the run read them (their
 * hashes). Named by dataset as the records are: records written before runs named their datasets
 * have none.
 */
async function datasetCases(manifest: RunManifest, named: boolean): Promise<{ cases?: ReportCase[]; assertions?: Map<string, boolean> }> {
  const datasets = manifest.datasets ?? [{ name: '', path: manifest.dataset.path, sha256: manifest.dataset.sha256 }];
  const [{ loadDataset }, { caseAssertionMap, reportCases }] = await Promise.all([import('../datasets/index.ts'), import('../session/index.ts')]);
  try {
    const loaded = await Promise.all(datasets.map(async ({ name, path, sha256 }) => {
      const dataset = await loadDataset(path);
      return { unchanged: dataset.hash === sha256, cases: dataset.cases.map((testCase) => (named ? { ...testCase, dataset: name } : testCase)) };
    }));
    const cases = loaded.flatMap((dataset) => dataset.cases);
    return { cases: reportCases(cases), ...(loaded.every((dataset) => dataset.unchanged) ? { assertions: caseAssertionMap(cases) } : {}) };
  } catch {
    return {};
  }
}
