import type { CommandModule } from 'yargs';
import { InputError } from '../config/errors.ts';
import { emptyFlagProblem } from '../config/limits.ts';
import { settingsOfFlags, withSettingFlags } from '../config/settings/setting-flags.ts';
import { caseLabel } from '../records/case-key.ts';
import { shortenMiddle } from '../reports/display-width.ts';
import { terminalSafe } from '../reports/terminal-safe.ts';
import { fitLine, lineWidth } from './fit-line.ts';
import { outputWidth } from './output-width.ts';
import type { RunComparison } from '../stats/run-comparison.ts';

type RenderComparisonTable = typeof import('../reports/index.ts').renderComparisonTable;

const gateSettings = ['gates', 'maxDrop', 'alpha', 'midP', 'powerMargin'] as const;

/**
 * `llm-bench compare BASE CURRENT`: two run folders, case by case. Prints the verdicts, writes
 * comparison.md, comparison.json and comparison.html, and exits 4 when a gate fails (see README).
 */
export const compareCommand: CommandModule = {
  command: 'compare <base> <current>',
  describe: 'Compare two run folders case by case: verdicts with intervals, flipped cases, gates (exit 4)',
  builder: (yargs) =>
    withSettingFlags(yargs, [...gateSettings])
      .positional('base', { type: 'string', demandOption: true, describe: 'The run folder to compare against' })
      .positional('current', { type: 'string', demandOption: true, describe: 'The run folder to judge' })
      .option('allow-changed', { type: 'boolean', default: false, describe: 'Compare cases whose content changed between the runs instead of refusing' })
      .option('out', { type: 'string', describe: 'Folder for comparison.md, comparison.json and comparison.html (default: the current run folder)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print comparison.json on stdout, and nothing else' })
      .option('wide', { type: 'boolean', default: false, describe: "Every column of the table, however wide (default: the most important ones, within the terminal's width and 100 columns)" })
      .example('$0 compare reports/main reports/pr-42 --max-drop 5', 'Fail (exit 4) when the pass rate is shown to drop more than 5 points')
      .example("$0 compare reports/main reports/pr-42 --gate 'ttft_p50 ratio <= 1.2'", 'Fail when TTFT p50 is shown to be more than 20% slower'),
  handler: async (argv) => {
    for (const name of ['base', 'current', 'out'] as const) {
      const empty = emptyFlagProblem(name, argv[name]);
      if (empty) throw new InputError(empty);
    }
    const settings = settingsOfFlags(argv, [...gateSettings]);
    // Loaded here, not at the top: `--help` and a refused flag need none of it (cold start).
    const [{ compareFolders }, { comparisonGates }, { qualityGateFailures, qualityGatePasses }, { printGateLines }, { appendStepSummary }, { renderComparisonTable }] = await Promise.all([
      import('../session/compare-folders.ts'),
      import('../session/comparison-gates.ts'),
      import('../session/quality-gate.ts'),
      import('./print-reports.ts'),
      import('./append-step-summary.ts'),
      import('../reports/index.ts'),
    ]);
    const gates = comparisonGates(settings);
    const outcome = await compareFolders(argv.base as string, argv.current as string, {
      gates,
      allowChanged: argv.allowChanged as boolean,
      ...(settings.alpha !== undefined ? { alpha: settings.alpha } : {}),
      ...(settings.midP !== undefined ? { midP: settings.midP } : {}),
      ...(settings.powerMargin !== undefined ? { powerMargin: settings.powerMargin } : {}),
      ...(argv.out !== undefined ? { out: argv.out as string } : {}),
    });
    const failed = outcome.gates.filter((gate) => !gate.passed);
    process.exitCode = failed.length > 0 ? 4 : 0;
    await appendStepSummary(outcome.markdown);
    if (argv.json) {
      process.stdout.write(outcome.json);
      return;
    }
    const width = lineWidth(process.stdout, argv.wide as boolean);
    printComparison(outcome.comparison, outputWidth(process.stdout, argv.wide as boolean), width, renderComparisonTable);
    // As `run` prints them: passes with their power warnings, then one line per failure.
    printGateLines([...qualityGatePasses(outcome.gates), ...qualityGateFailures(outcome.gates)], width);
    if (outcome.files.length > 0) console.log(fitLine(`\nWrote ${outcome.files.map(line).join(' and ')}`, width, { keepWords: true }));
  },
};

/** The table within `width` columns (drawn by the reports' `renderComparisonTable`), the lines under it within `lineWidth`. */
function printComparison(comparison: RunComparison, width: number, lineWidth: number, renderComparisonTable: RenderComparisonTable): void {
  const print = (text: string) => console.log(fitLine(text, lineWidth));
  const table = renderComparisonTable(comparison.comparisons, {
    heading: `${line(comparison.current.runId)} against ${line(comparison.base.runId)}, case by case (unanswered requests count as failures; p Holm-adjusted)`,
    width,
  });
  console.log(table || fitLine('No (target, prompt) of the current run has a counterpart in the base: nothing was compared.', lineWidth));
  for (const row of comparison.comparisons) {
    const name = cut(line(row.prompt === 'default' ? row.target : `${row.target} (${row.prompt})`), lineWidth);
    const list = (flips: typeof row.flips.worse) => `${flips.slice(0, 10).map((flip) => line(caseLabel(flip))).join(', ')}${flips.length > 10 ? `, … ${flips.length - 10} more` : ''}`;
    if (row.flips.worse.length > 0) print(`${name}: ${row.flips.worse.length} passed in the base and fail now: ${list(row.flips.worse)}`);
    if (row.flips.better.length > 0) print(`${name}: ${row.flips.better.length} failed in the base and pass now: ${list(row.flips.better)}`);
  }
  const notes = [
    comparison.changedCases.length > 0 ? `${comparison.changedCases.length} changed cases compared anyway (--allow-changed)` : '',
    comparison.uncheckedCases ? 'a run predates case hashes: changed cases could not be checked' : '',
    comparison.onlyInBase.length > 0 ? `${comparison.onlyInBase.length} cases only in the base` : '',
    comparison.onlyInCurrent.length > 0 ? `${comparison.onlyInCurrent.length} cases only in the current run` : '',
    ...comparison.unsentCases.map((entry) => `${line(entry.target)}: ${entry.cases.length} planned cases with no record in one run, not compared`),
    ...(['base', 'current'] as const).flatMap((side) => {
      const pairs = comparison.unpairedTargets[side];
      return pairs.length === 0 ? [] : [`only in the ${side === 'base' ? 'base' : 'current run'}, not compared: ${pairs.map((pair) => line(pair.prompt === 'default' ? pair.target : `${pair.target} (${pair.prompt})`)).join(', ')}`];
    }),
  ].filter(Boolean);
  if (notes.length > 0) print(`Note: ${notes.join('; ')} (listed in comparison.md).`);
  if (comparison.warnings.length > 0) print(`Warning: the runs differ in what changes answers, so a difference may not be the change you made: ${comparison.warnings.map((warning) => line(warning.message)).join('; ')}.`);
}

/** A label in a line of prose, cut in its middle unless --wide (the table names it too). */
const cut = (text: string, width: number) => (width === Infinity ? text : shortenMiddle(text, 48));

/** The user's text inside a line of ours: one line, inert. */
const line = (text: string) => terminalSafe(text, { oneLine: true });
