import { constants } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { terminalSafe } from '../reports/terminal-safe.ts';

/**
 * In a GitHub Actions job, Markdown goes to the job's summary page too (`$GITHUB_STEP_SUMMARY`),
 * after a blank line so that it never runs on from what an earlier step wrote. A summary file
 * that cannot be written costs a warning on stderr, never the run or its exit code.
 */
export async function appendStepSummary(markdown: string, environment: NodeJS.ProcessEnv = process.env): Promise<void> {
  const path = environment.GITHUB_STEP_SUMMARY;
  if (!path) return;
  let file: FileHandle | undefined;
  try {
    // Non-blocking: a FIFO nobody reads fails at once (ENXIO) instead of holding the finished run.
    file = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK, 0o644);
    // GitHub's summary is a file: a device or a pipe (/dev/stdout under --json) is not written.
    if (!(await file.stat()).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
    await file.appendFile(`\n${markdown}`);
  } catch (error) {
    warn(`cannot append to $GITHUB_STEP_SUMMARY (${line(path)})`, error);
  } finally {
    await file?.close();
  }
}

/**
 * After a run: its report.md, when the run wrote one (the built-in `report-md` reporter, under its
 * own name), appended to the step summary. Nothing without `$GITHUB_STEP_SUMMARY`.
 */
export async function appendReportToStepSummary(reportPaths: readonly string[], environment: NodeJS.ProcessEnv = process.env): Promise<void> {
  const path = environment.GITHUB_STEP_SUMMARY;
  const report = reportPaths.find((file) => basename(file) === 'report.md');
  if (!path || report === undefined) return;
  let markdown: string;
  try {
    markdown = await readFile(report, 'utf8');
  } catch (error) {
    warn(`cannot read ${line(report)} for $GITHUB_STEP_SUMMARY`, error);
    return;
  }
  await appendStepSummary(markdown, environment);
}

function warn(what: string, error: unknown): void {
  console.error(`llm-bench: warning: ${what}: ${(error as NodeJS.ErrnoException).code ?? line((error as Error).message)}`);
}

/** A path from outside inside a line of ours: one line, inert. */
const line = (text: string) => terminalSafe(text, { oneLine: true });
