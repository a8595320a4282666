export type { AttemptError, AttemptMeasurement, AttemptRecord, AttemptTiming, AttemptUsage, ErrorType, ToolCallRecord } from './attempt-record.ts';
export { attemptRecordSchema, attemptRecordVersion } from './attempt-record.ts';
export type { JudgeUsage, Score, ScoringInput } from './score.ts';
export { resultsLineJsonSchema } from './results-line-json-schema.ts';
export { ResultsFile } from './results-file.ts';
export { readResults } from './read-results.ts';
export { makeDirectory } from './make-directory.ts';
export { processExists, removeLeftoverTemporaries, temporaryPathFor } from './temporary-file.ts';
export { slotKey } from './slot-key.ts';
