import { caseKey, type CaseIdentity } from './case-key.ts';

type SlotIdentity = CaseIdentity & { target: string; prompt: string; repeat: number };

/**
 * One slot of a run: a case (of its dataset) sent to a target with a prompt variant, for one
 * repeat. A step of a multi-call case is a slot of its own within it (its attempts are retried and
 * marked final on their own): its key adds the step; the case's own record has the slot's key.
 */
export function slotKey(slot: SlotIdentity & { step?: string | undefined }): string {
  const key = [caseKey(slot), slot.target, slot.prompt, slot.repeat];
  return JSON.stringify(slot.step === undefined ? key : [...key, slot.step]);
}

/** The slot of the plan a record belongs to, a step's record included: its case's slot. */
export function caseSlotKey(slot: SlotIdentity): string {
  return JSON.stringify([caseKey(slot), slot.target, slot.prompt, slot.repeat]);
}
