import { caseKey, type CaseIdentity } from './case-key.ts';

/** One slot of a run: a case (of its dataset) sent to a target with a prompt variant, for one repeat. */
export function slotKey(slot: CaseIdentity & { target: string; prompt: string; repeat: number }): string {
  return JSON.stringify([caseKey(slot), slot.target, slot.prompt, slot.repeat]);
}
