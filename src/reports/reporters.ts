import { z } from 'zod';
import { strictObject } from '../config/strict-object.ts';
import { comparisonCsv } from './comparison-csv.ts';
import { reportFileNameProblem } from './report-file-name.ts';
import type { ReportFormat } from './report-format.ts';
import type { NamedReporter, Reporter } from './reporter.ts';
import { reportHtml } from './report-html.ts';
import { reportMd } from './report-md.ts';
import { resultsCsv } from './results-csv.ts';
import { summaryCsv } from './summary-csv.ts';
import { summaryJson } from './summary-json.ts';
import { renderStepsCsv, stepsCsvName } from './steps-csv.ts';

export type BuiltinReporterName = 'results-csv' | 'summary-csv' | 'summary-json' | 'comparison-csv' | 'report-html' | 'report-md';
/** @deprecated The old name of BuiltinReporterName. */
export type ReporterName = BuiltinReporterName;

/**
 * A registry entry: what the reporter does, the options it takes (checked), how to build it, and
 * the files it will write, known before the run so two entries writing one file are refused
 * before anything is sent.
 */
export type ReporterEntry<Options> = {
  describe: string;
  options: z.ZodType<Options>;
  create(options: Options): Reporter;
  fileNames(options: Options): string[];
};

const fileName = z.string().superRefine((name, context) => {
  const problem = reportFileNameProblem(name);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});
const fileOptions = strictObject({ fileName: fileName.optional() });
type FileOptions = z.infer<typeof fileOptions>;

/** A built-in report as a reporter: one file, under its own name or the `fileName` option. */
function fileReporter(format: ReportFormat, describe: string): ReporterEntry<FileOptions> {
  return {
    describe: `${format.fileName}: ${describe}`,
    options: fileOptions,
    create: (options) => ({
      render: (input) => [{ fileName: options.fileName ?? format.fileName, content: format.render(input) }],
    }),
    fileNames: (options) => [options.fileName ?? format.fileName],
  };
}

/**
 * summary.csv, and steps.csv beside it when the run has multi-call cases: a file of its own, so
 * that summary.csv stays one row per (target, prompt) for the scripts that read it.
 */
function summaryCsvReporter(): ReporterEntry<FileOptions> {
  const entry = fileReporter(summaryCsv, 'one row per (target, prompt); and steps.csv, one row per step, for a run with multi-call cases');
  return {
    ...entry,
    create: (options) => ({
      render: (input) => {
        const name = options.fileName ?? summaryCsv.fileName;
        const steps = renderStepsCsv(input);
        return [{ fileName: name, content: summaryCsv.render(input) }, ...(steps === undefined ? [] : [{ fileName: stepsCsvName(name), content: steps }])];
      },
    }),
  };
}

/** Every built-in reporter, in the order their files are written and listed. */
export const reporters = {
  'results-csv': fileReporter(resultsCsv, 'one row per attempt, retries included'),
  'summary-csv': summaryCsvReporter(),
  'summary-json': fileReporter(summaryJson, 'the summary, with null for unknown figures'),
  'comparison-csv': fileReporter(comparisonCsv, 'each (target, prompt) against the baseline, on the same cases'),
  'report-html': fileReporter(reportHtml, 'the run on one page, for people'),
  'report-md': fileReporter(reportMd, 'the summary, the gates and the comparison in Markdown, for a PR comment or the GitHub step summary'),
} satisfies Record<BuiltinReporterName, ReporterEntry<unknown>>;

export const reporterNames = Object.keys(reporters) as BuiltinReporterName[];

export function isReporterName(name: string): name is BuiltinReporterName {
  return Object.hasOwn(reporters, name);
}

/** What a run writes when its definition names no reporters: every built-in, with its defaults. */
export function builtinReporters(): NamedReporter[] {
  return reporterNames.map((name) => ({ name, reporter: reporters[name].create({}), fileNames: reporters[name].fileNames({}) }));
}
