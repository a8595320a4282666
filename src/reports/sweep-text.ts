import { plainFixed } from './csv-cell.ts';
import type { SweepCurve } from './sweep-curve.ts';
import { harnessAdvice, harnessSaturatedLabel } from './harness-check-text.ts';

/** What the sweep asked for, in a sentence. */
export function sweepHeadline(curve: SweepCurve): string {
  const steps = curve.steps.length === 1 ? '1 step' : `${curve.steps.length} steps`;
  const how = curve.kind === 'concurrency' ? 'closed loop' : `open loop, ${curve.arrival ?? 'poisson'} arrivals`;
  const slo = curve.slo === undefined ? '' : `; SLO ${curve.slo}, met when at least ${plainFixed(curve.goodputTarget * 100, 1)}% of a step's requests meet it`;
  return `Sweep ${curve.spec}: ${steps} (${how})${slo}.`;
}

/** The result of a max-rate search in a sentence; undefined for other sweeps. */
export function maxRateLine(curve: SweepCurve): string | undefined {
  if (curve.kind !== 'max-rate') return undefined;
  return curve.maxRate === undefined ? 'No step met the SLO: the highest rate that meets it is below every rate tried.' : `Highest rate that met the SLO: ${curve.maxRate} requests/s.`;
}

/** Notes under the table: interrupted, incomplete steps, simulated targets. */
export function sweepNotes(curve: SweepCurve): string[] {
  const notes: string[] = [];
  if (curve.interrupted) notes.push('Interrupted: the curve holds the steps done.');
  // run.json is a file anyone may edit: its reasons are text, escaped by each report for its medium.
  for (const step of curve.steps) {
    if (step.harness?.saturated) notes.push(`${harnessSaturatedLabel} in step ${step.step} (${step.folder}): ${step.harness.reasons.map(String).join('; ') || 'see its run.json'}. ${harnessAdvice}`);
  }
  const incomplete = curve.steps.filter((step) => step.incomplete).map((step) => step.step);
  if (incomplete.length > 0) notes.push(`Incomplete step${incomplete.length === 1 ? '' : 's'} ${incomplete.join(', ')}: stopped before its plan was done.`);
  if (curve.simulatedTargets.length > 0) notes.push('Simulated targets: illustrative figures, not measurements.');
  const legend = [curve.kind === 'concurrency' ? 'Req/s: achieved.' : 'Rate: asked, requests/s; Req/s: achieved.', 'TTFT and e2e in ms.'];
  if (curve.slo !== undefined) legend.push('Goodput: % of requests meeting every objective, its 95% interval, and n cases.');
  notes.push(legend.join(' '));
  notes.push('TTFT from scheduled counts from when each request was due, so a request the server or the harness held back counts its wait (what a user behind the load feels); from send hides that wait. A p99 is blank below 368 requests.');
  return notes;
}
