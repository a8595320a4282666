import type { CaseStep } from '../../datasets/case.ts';
import { stepCase } from '../../datasets/step-case.ts';
import type { AttemptRecord } from '../../records/attempt-record.ts';
import type { PlannedRequest } from '../plan-run.ts';
import { sendWithRetries, type SlotContext } from '../run-slot.ts';
import type { TargetGovernor } from '../target-governor.ts';
import { CaseReservation } from './case-reservation.ts';
import { pipelineRecord } from './pipeline-record.ts';
import { stepMessages } from './step-messages.ts';
import { stepDependencies } from './step-order.ts';
import { sameTarget, type StepTargetOf } from './step-target.ts';

/**
 * A multi-call case's slot: its steps as a graph, each sent as soon as the steps it needs have
 * answered (independent steps at once), each with its own retries under the run's caps, every
 * attempt delivered as a record with `step`. Then one record for the case: answered when every
 * step answered; unanswered (an error naming the step) when one failed for good, after which no
 * step that needs it is sent and the steps in flight finish. A stop leaves no case record: a
 * resume sends the steps that have no answer yet, and only those.
 */
export async function runPipelineSlot(
  request: PlannedRequest,
  governor: TargetGovernor,
  context: SlotContext & { stepTarget?: StepTargetOf | undefined },
  scheduledMs?: number,
): Promise<void> {
  const calls = request.testCase.calls;
  if (!calls || context.halt.aborted || governor.stopped) return;
  const stepTarget = context.stepTarget ?? sameTarget;
  const stepRecords: AttemptRecord[] = [...(request.earlierSteps ?? [])];
  const answers = new Map<string, AttemptRecord>();
  const nextAttempt = new Map<string, number>();
  for (const record of request.earlierSteps ?? []) {
    if (record.step === undefined) continue;
    nextAttempt.set(record.step, Math.max(nextAttempt.get(record.step) ?? 1, record.attempt + 1));
    if (record.final && record.status === 'ok') answers.set(record.step, record);
    else if (record.status === 'ok') answers.delete(record.step);
  }
  // Closed loop, the case's steps share the moment it started; open loop, its due time.
  const caseScheduledMs = scheduledMs ?? context.schedule.elapsed();
  const outputs = () => new Map([...answers].map(([name, record]) => [name, record.output]));
  let failed: { step: string; record: AttemptRecord } | undefined;
  let stopped = false;

  const runStep = async (step: CaseStep) => {
    const target = stepTarget(request.target, step);
    const rendered = stepMessages(request.testCase, step, outputs());
    const sub: PlannedRequest = { ...request, testCase: stepCase(request.testCase, step, rendered.messages, rendered.system), target };
    delete sub.earlierSteps;
    const warnings = rendered.warnings.map((warning) => `step ${step.name}: ${warning}`);
    const final = await sendWithRetries(sub, governor, context, {
      firstAttempt: nextAttempt.get(step.name) ?? 1,
      scheduledMs: caseScheduledMs,
      closedLoop: scheduledMs === undefined,
      deliver: (record) => {
        const stepRecord = asStepRecord(record, request, step, target.label, warnings);
        stepRecords.push(stepRecord);
        context.deliver(stepRecord);
      },
    });
    // The circuit breaker counts requests: each step's outcome, after its retries, not the case's
    // (a case of three steps fails whenever one does).
    if (final && !final.cached) governor.onSlotEnd(final.status === 'error');
    if (!final) stopped = true;
    else if (final.status === 'ok') answers.set(step.name, stepRecords.findLast((record) => record.step === step.name) ?? final);
    else failed ??= { step: step.name, record: final };
  };

  // --max-cost: the case's worst case is reserved whole before its first step, or it is not started.
  const budget = context.dependencies.budget;
  const reservation = budget && answers.size < calls.steps.length ? CaseReservation.open(request, budget) : undefined;
  if (budget && answers.size < calls.steps.length && !reservation) {
    context.onBudgetReached();
    return;
  }
  // Admitted whole, the case runs to its end when the budget stops scheduling: only a stop (Ctrl-C) ends it early.
  if (reservation) context = { ...context, halt: context.stop ?? new AbortController().signal, dependencies: { ...context.dependencies, budget: { ...budget!, guard: reservation } } };

  const started = new Set(answers.keys());
  const running = new Map<string, Promise<void>>();
  const launch = () => {
    if (failed || stopped || context.halt.aborted || governor.stopped) return;
    for (const step of calls.steps) {
      if (started.has(step.name) || !stepDependencies(calls, step).every((name) => answers.has(name))) continue;
      started.add(step.name);
      running.set(step.name, runStep(step).finally(() => running.delete(step.name)));
    }
  };
  try {
    launch();
    while (running.size > 0) {
      await Promise.race(running.values());
      launch();
    }
  } finally {
    reservation?.close();
  }
  if (!failed && answers.size < calls.steps.length) return;
  const record = pipelineRecord(request, { stepRecords, answers, failed, scheduledMs: caseScheduledMs });
  context.deliver(record);
}

/** A step's attempt as the case's record of it: the run target's label (the route compared), the step, and the target it went to when another. */
function asStepRecord(record: AttemptRecord, request: PlannedRequest, step: CaseStep, targetLabel: string, warnings: string[]): AttemptRecord {
  const allWarnings = [...(record.warnings ?? []), ...warnings];
  return {
    ...record,
    target: request.target.label,
    step: step.name,
    ...(targetLabel !== request.target.label ? { stepTarget: targetLabel } : {}),
    ...(allWarnings.length > 0 ? { warnings: allWarnings } : {}),
  };
}
