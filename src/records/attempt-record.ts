import { z } from 'zod';
import { attemptErrorSchema } from './attempt-error.ts';
import { attemptMeasurementSchema } from './attempt-measurement.ts';
import { scoreSchema } from './score.ts';
import { pipelineFiguresSchema } from './pipeline-figures.ts';

export type { AttemptError, ErrorType } from './attempt-error.ts';
export type { PipelineFigures } from './pipeline-figures.ts';
export type { AttemptMeasurement, AttemptSchedule, AttemptTiming, AttemptUsage, ToolCallRecord } from './attempt-measurement.ts';

/**
 * The version of a results.jsonl line's shape. Raise it when a field changes meaning or type, or
 * becomes required; a new optional field needs no new version, as readers keep fields they do not know.
 */
export const attemptRecordVersion = 1;

const attemptBaseSchema = attemptMeasurementSchema.extend({
  dataset: z.string().optional().describe("The case's dataset, as named in the run (smoke, or qa/smoke when two files share a base name); absent in older runs' records."),
  caseId: z.string().describe('Unique within its dataset.'),
  target: z.string().describe("The target's label (its spec)."),
  prompt: z.string().describe('Prompt variant label; "default" when the run has one.'),
  repeat: z.number().int().min(1).describe('1-based.'),
  attempt: z.number().int().min(1).describe('1-based; > 1 after a retry.'),
  final: z.boolean().describe('True for the last attempt of its (dataset, case, target, prompt, repeat) slot.'),
  step: z.string().optional().describe("A multi-call case (pipeline or conversation): the step or turn this attempt was for. Absent for a single call, and on the case's own record, which has `pipeline`."),
  stepTarget: z.string().optional().describe("A step sent to another target than the record's own (the step's `target:`, or the run target's `steps:` override): that target's label."),
  pipeline: pipelineFiguresSchema.optional().describe("A multi-call case's own record, one per slot, written when its steps are done: its output is the final output, its timing, usage and cost those of the whole, and its score the final output's. Its steps' attempts are records of their own, with `step`."),
  cached: z.literal(true).optional().describe('Answered from the response cache (--cache): no request was sent, so no timing.'),
  score: scoreSchema.optional(),
});

/**
 * One line of results.jsonl: one attempt, answered or failed. The failed variant requires its
 * error. The object schemas strip fields they do not know when parsing; readers check a line with
 * this schema and keep the line as written (see readResults), so a later llm-bench's fields survive.
 */
export const attemptRecordSchema = z.discriminatedUnion('status', [
  attemptBaseSchema.extend({ status: z.literal('ok').describe('the model answered.') }),
  attemptBaseSchema.extend({ status: z.literal('error').describe('the attempt failed; error says why.'), error: attemptErrorSchema }),
], { error: (issue) => (issue.code === 'invalid_union' ? 'expected "ok" or "error"' : undefined) });
export type AttemptRecord = z.infer<typeof attemptRecordSchema>;
