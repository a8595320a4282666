import type { ReportInput } from './report-input.ts';
import type { RunEvent } from './run-event.ts';

export type { CaseIdentity, ReportInput, RunInfo } from './report-input.ts';

/** One file a reporter writes into the run folder: a plain file name, no folder. */
export type ReportFile = { fileName: string; content: string };

/**
 * A reporter, built in or a user's module. Both hooks are optional: a reporter may only listen
 * (a progress line, a webhook) or only write files.
 */
export type Reporter = {
  /** Every lifecycle event, in order; awaited before the next one is delivered. */
  onEvent?(event: RunEvent): void | Promise<void>;
  /** Files for the run folder, rendered at the end (and by `llm-bench report`). */
  render?(input: ReportInput): ReportFile[];
};

/** As a user writes it: a registry name or a module path, alone or with its options. */
export type ReporterSetting = string | [string, Record<string, unknown>];

/**
 * A reporter with the name it was configured under (`report-html`, `./my-reporter.ts`), for
 * messages, and the files it will write when they are known before the run (a built-in's; a
 * module's are known only when it renders).
 */
export type NamedReporter = { name: string; reporter: Reporter; fileNames?: readonly string[] };
