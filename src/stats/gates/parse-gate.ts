import { didYouMean } from '../../config/did-you-mean.ts';
import { findGateFigure, gateFigures, withoutUnit, type GateFigure } from './gate-figures.ts';

export type GateOperator = '>=' | '<=' | '>' | '<';

/**
 * - `absolute`: the run's own figure against a number (`pass_rate >= 0.9`);
 * - `ratio`: current / baseline run (`ttft_p50 ratio <= 1.2`);
 * - `drop`: baseline − current, in points (`pass_rate drop <= 5`).
 */
export type GateForm = 'absolute' | 'ratio' | 'drop';

/** A gate as written, checked: its figure is known and can take the form. */
export type Gate = { text: string; figure: GateFigure; form: GateForm; operator: GateOperator; value: number };

const example = 'FIGURE OP NUMBER, FIGURE ratio OP NUMBER or FIGURE drop OP POINTS (e.g. pass_rate >= 0.9)';
const operators: readonly GateOperator[] = ['>=', '<=', '>', '<'];
const known = gateFigures.flatMap((figure) => (withoutUnit(figure.name) === figure.name ? [figure.name] : [figure.name, withoutUnit(figure.name)]));

/** Columns of summary.csv that hold no figure a gate could test. */
const notGateable = new Set(['target', 'prompt', 'error_counts', 'tokens_estimated', 'simulated', 'run_incomplete']);

/**
 * A gate expression, or what is wrong with it (a message without its place, which the caller
 * adds: the flag, or the eval file's line). Unknown figures get a did-you-mean: a misspelled
 * figure must not let a gate pass unnoticed (k6 #1526).
 */
export function parseGate(text: string): { gate: Gate } | { problem: string } {
  // A gate is short: a longer text is a mistake (a file pasted into a flag), not worth matching.
  if (text.length > 200) return { problem: `expected ${example}, got ${text.length} characters` };
  const match = /^([^\s<>=!]+)(?:\s+([A-Za-z_]\w*))?\s*([<>=!]=?|=>|=<)?\s*(.*)$/su.exec(text.trim());
  const [, name = '', modifier, operator, number = ''] = match ?? [];
  if (name === '') return { problem: `expected ${example}` };
  const figure = findGateFigure(name);
  if (!figure) return { problem: unknownFigure(name) };
  if (modifier !== undefined && modifier !== 'ratio' && modifier !== 'drop') {
    const guess = didYouMean(modifier, ['ratio', 'drop']);
    return { problem: `expected ratio, drop or an operator after ${figure.name}, got ${quoted(modifier)}${guess ? `; did you mean ${guess}?` : ''}` };
  }
  if (operator === undefined || !operators.includes(operator as GateOperator)) {
    return { problem: `expected one of ${operators.join(', ')} after ${modifier ?? figure.name}, got ${operator === undefined ? quoted(number) : quoted(operator)}` };
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(number)) return { problem: `expected a number after ${operator}, got ${number === '' ? 'nothing' : quoted(number)}` };
  const value = Number(number);
  if (!Number.isFinite(value)) return { problem: `expected a finite number after ${operator}, got ${quoted(number)} (too large: it reads as Infinity)` };
  // `1e-400` is no number a double holds: it reads as 0, and `cost_usd_total <= 1e-400` would be `<= 0`.
  if (value === 0 && /[1-9]/.test(number.replace(/e.*$/i, ''))) return { problem: `expected a number after ${operator} that is not 0 once read, got ${quoted(number)} (too small: it reads as 0; write 0 if that is meant)` };
  const form: GateForm = modifier === 'ratio' ? 'ratio' : modifier === 'drop' ? 'drop' : 'absolute';
  const gate: Gate = { text: `${figure.name}${form === 'absolute' ? '' : ` ${form}`} ${operator} ${number}`, figure, form, operator: operator as GateOperator, value };
  const problem = formProblem(gate);
  return problem === undefined ? { gate } : { problem };
}

/**
 * A part of the user's text in a message: quoted, kept short, and every character outside
 * printable ASCII escaped (a gate is ASCII; anything else would only hide or rewrite the line).
 */
export function quoted(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return `"${short.replace(/[^\x20-\x7E]|["\\]/gu, (character) => (character === '"' || character === '\\' ? `\\${character}` : `\\u{${character.codePointAt(0)!.toString(16)}}`))}"`;
}

function unknownFigure(name: string): string {
  if (notGateable.has(name)) return `${name} is a summary.csv column that holds no figure a gate can test`;
  const guess = didYouMean(name, known);
  return `unknown figure ${quoted(name)}${guess ? `; did you mean ${guess}?` : ''} (figures: ${gateFigures.map((figure) => figure.name).join(', ')})`;
}

/** A figure that cannot take the form, or a number out of its range. */
function formProblem(gate: Gate): string | undefined {
  const { figure, form, operator, value } = gate;
  if (form === 'drop') {
    if (figure.kind !== 'rate') return `${figure.name} cannot take drop: only ${rateNames()} can (a drop in points against a baseline run)`;
    if (operator === '>=' || operator === '>') return `a drop gate bounds the drop from above: ${figure.name} drop <= POINTS`;
    if (value < 0 || value > 100) return `expected a drop of 0 to 100 points, got ${value}`;
    return undefined;
  }
  if (form === 'ratio') {
    if (figure.ratio === undefined) return `${figure.name} cannot take ratio: only ${gateFigures.filter((candidate) => candidate.ratio).map((candidate) => candidate.name).join(', ')} can`;
    if (value <= 0) return `expected a ratio above 0, got ${value}`;
    return undefined;
  }
  if (figure.kind === 'rate' && (value < 0 || value > 1)) {
    return `${figure.name} is a share from 0 to 1, got ${value}${value > 1 && value <= 100 ? `; did you mean ${value / 100}?` : ''}`;
  }
  if (value < 0) return `${figure.name} is never below 0, got ${value}`;
  return undefined;
}

const rateNames = () => {
  const names = gateFigures.filter((figure) => figure.kind === 'rate').map((figure) => figure.name);
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
};
