import { z } from 'zod';

/**
 * The figures of a multi-call case as a whole, on its own record. The record's `timing.ttftMs` is
 * the time to the first token of the output step, counted along the critical path; `timing.e2eMs`
 * is the critical path: the longest chain of steps that each waited for the one before, each
 * counted by its answered attempt's e2e (back-off and the harness's queueing are not latency).
 * Parallel steps count once, not summed. `costUsd` and `usage` are the sums over every attempt of
 * every step, retries included: what the case cost.
 */
export const pipelineFiguresSchema = z
  .object({
    kind: z.enum(['pipeline', 'conversation']),
    steps: z.number().int().min(1).describe('Steps (or turns) the case declares.'),
    answered: z.number().int().min(0).describe('Steps that answered.'),
    failedStep: z.string().optional().describe('The step whose failure left the case unanswered; its error is the record\'s.'),
    attempts: z.number().int().min(0).describe('Requests sent for the case, retries included (a resumed case counts those of every session).'),
    criticalPathMs: z.number().optional().describe('The same as timing.e2eMs: the critical path.'),
    sumOfStepsMs: z.number().optional().describe("Every answered step's e2e, summed: what the case would take were its steps run one after another."),
  })
  .meta({ id: 'PipelineFigures', description: "A multi-call case's figures as a whole." });
export type PipelineFigures = z.infer<typeof pipelineFiguresSchema>;

/** A step's attempt: part of a multi-call case, not a case's outcome. Summaries of cases leave it out. */
export function isStepRecord(record: { step?: string | undefined }): boolean {
  return record.step !== undefined;
}

/** A multi-call case's own record: derived from its steps' records. Spending and attempt counts leave it out (its steps hold them). */
export function isPipelineRecord(record: { pipeline?: unknown }): boolean {
  return record.pipeline !== undefined;
}
