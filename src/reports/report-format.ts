import type { ReportInput } from './report-input.ts';

/** A built-in report: one file with a default name, rendered from the run. */
export type ReportFormat = {
  /** Written inside the run's folder unless the reporter's `fileName` option says otherwise. */
  fileName: string;
  render(input: ReportInput): string;
};
