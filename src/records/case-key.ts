/**
 * What identifies a case in a run: its dataset's name in the run and its id. Case ids are unique
 * within a dataset, not across datasets, so `q1` of `smoke` and `q1` of `other` are two cases.
 * A record or case without a dataset (a single-dataset run, a run from before datasets had
 * names) has the dataset `''`, and keys as it always did among its own kind.
 */
export type CaseIdentity = { dataset?: string; caseId: string };

/** A string that is equal for two identities exactly when they name the same case. */
export function caseKey(identity: CaseIdentity): string {
  return JSON.stringify([identity.dataset ?? '', identity.caseId]);
}

/** The case as a reader sees it: `q1`, or `smoke/q1` when it comes from a named dataset. */
export function caseLabel(identity: CaseIdentity): string {
  return identity.dataset === undefined ? identity.caseId : `${identity.dataset}/${identity.caseId}`;
}
