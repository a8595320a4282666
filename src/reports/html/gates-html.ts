import { escapeHtml } from '../escape-html.ts';

/** What a gates section needs of a gate's outcome (GateResult and compare's GateLine both fit). */
export type GateOutcome = { gate: string; target: string; prompt: string; passed: boolean; line: string; warning?: string | undefined };

/** The gates with their verdict lines, failed ones first; nothing when the run had none. */
export function gatesHtml(gates: readonly GateOutcome[]): string {
  if (gates.length === 0) return '';
  const failed = gates.filter((gate) => !gate.passed);
  const ordered = [...failed, ...gates.filter((gate) => gate.passed)];
  const items = ordered.map((gate) => {
    const subject = gate.prompt === 'default' ? gate.target : `${gate.target} (${gate.prompt})`;
    return `<li><span class="${gate.passed ? 'passed' : 'failed'}">${gate.passed ? 'passed' : 'FAILED'}</span> <code>${escapeHtml(gate.gate)}</code>, <code>${escapeHtml(subject)}</code>: ${escapeHtml(gate.line)}${
      gate.warning ? `<br><small>${escapeHtml(gate.warning)}</small>` : ''
    }</li>`;
  });
  const verdict = failed.length === 0 ? `all ${gates.length} passed` : `<span class="failed">${failed.length} of ${gates.length} failed</span>`;
  return `<h2>Gates: ${verdict}</h2>
<ul class="gates">${items.join('')}</ul>`;
}
