export { evaluateGates, type GateInput } from './evaluate-gates.ts';
export { gateFigures, findGateFigure, type GateFigure } from './gate-figures.ts';
export type { GateBaseline, GateOptions, GateResult, GateSubject } from './gate-result.ts';
export { parseGate, quoted, type Gate, type GateForm, type GateOperator } from './parse-gate.ts';
