/** One slot of a run: a case sent to a target with a prompt variant, for one repeat. */
export function slotKey(slot: { caseId: string; target: string; prompt: string; repeat: number }): string {
  return JSON.stringify([slot.caseId, slot.target, slot.prompt, slot.repeat]);
}
