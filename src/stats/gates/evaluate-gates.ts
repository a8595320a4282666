import { pairKey } from '../pair-key.ts';
import { evaluateDropGate } from './drop-gate.ts';
import { figure, resultOf, type GateBaseline, type GateOptions, type GateResult, type GateSubject } from './gate-result.ts';
import type { Gate } from './parse-gate.ts';
import { evaluatePercentileGate, unitOf } from './percentile-gate.ts';
import { evaluateRateGate } from './rate-gate.ts';
import { evaluateRatioGate } from './ratio-gate.ts';

export type GateInput = {
  gates: readonly Gate[];
  /** The run's (target, prompt) pairs, for absolute gates. */
  subjects: readonly GateSubject[];
  /**
   * The same pairs matched with a baseline run's, for drop and ratio gates; absent when no
   * baseline run was given (such gates then fail, saying so).
   */
  baselines?: readonly GateBaseline[];
};

/**
 * Every gate on every (target, prompt), in gate order: a pure function of the run's case
 * outcomes and summaries (and the baseline's pairs). A pair with nothing to test fails.
 */
export function evaluateGates(input: GateInput, options: GateOptions): GateResult[] {
  const baselines = new Map((input.baselines ?? []).map((baseline) => [pairKey(baseline), baseline]));
  return input.gates.flatMap((gate) => {
    if (gate.form === 'absolute') return input.subjects.map((subject) => evaluateAbsolute(gate, subject, options));
    const subjects = input.subjects.length > 0 ? input.subjects : [...baselines.values()];
    return subjects.map((subject) => {
      if (input.baselines === undefined) return resultOf(gate, subject, false, `a ${gate.form} gate needs a baseline run to compare with`);
      const baseline = baselines.get(pairKey(subject));
      if (!baseline) return resultOf(gate, subject, false, 'not in the baseline run: nothing to compare with');
      return gate.form === 'drop' ? evaluateDropGate(gate, baseline, options) : evaluateRatioGate(gate, baseline, options);
    });
  });
}

function evaluateAbsolute(gate: Gate, subject: GateSubject, options: GateOptions): GateResult {
  if (gate.figure.kind === 'rate') return evaluateRateGate(gate, subject, options);
  if (gate.figure.kind === 'percentile') return evaluatePercentileGate(gate, subject, options);
  return evaluatePlainGate(gate, subject);
}

/** A count, total or mean: compared as measured, which the line says (it has no interval). */
function evaluatePlainGate(gate: Gate, subject: GateSubject): GateResult {
  const value = gate.figure.value(subject.summary);
  const unit = unitOf(gate.figure.name);
  if (value === undefined) return resultOf(gate, subject, false, `${gate.figure.name} is unknown (an empty cell): nothing to compare`);
  const holds = { '>=': value >= gate.value, '<=': value <= gate.value, '>': value > gate.value, '<': value < gate.value }[gate.operator];
  return resultOf(gate, subject, holds, `${gate.figure.name} ${figure(value)}${unit} ${holds ? 'meets' : 'fails'} ${gate.operator} ${gate.value}${unit} (compared as measured: no interval)`);
}
