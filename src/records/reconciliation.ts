/**
 * `reconciliation.json` in a run folder (--reconcile N): the AI Gateway's own record of a sample of
 * the run's generations (getGenerationInfo), beside what the harness measured of the same call.
 */
export type Reconciliation = {
  /** ISO time the gateway was asked. */
  fetchedAt: string;
  /** Generations asked per target (the setting). */
  sample: number;
  rows: ReconciledGeneration[];
  /** Generations that could not be fetched, with why (redacted). */
  failures: Array<{ target: string; generationId: string; message: string }>;
};

export type ReconciledGeneration = {
  target: string;
  caseId: string;
  dataset?: string;
  repeat: number;
  step?: string;
  generationId: string;
  /** Ours: TTFT and e2e from the send, on the harness's clock. */
  ttftMs?: number;
  e2eMs?: number;
  /** The gateway's: its time to first token (`latency`) and its generation time. */
  gatewayLatencyMs: number;
  gatewayGenerationTimeMs: number;
  /** Costs: the price table's, the one the stream reported, and the gateway record's totalCost. */
  listCostUsd?: number;
  reportedCostUsd?: number;
  gatewayTotalCostUsd: number;
  providerName: string;
  isByok: boolean;
};
