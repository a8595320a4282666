import { describe, expect, it } from 'vitest';
import type { GateResult } from '../stats/gates/index.ts';
import { qualityGateFailures, qualityGatePasses } from './quality-gate.ts';

const result = (overrides: Partial<GateResult>): GateResult => ({ gate: 'pass_rate >= 0.9', target: 'mini', prompt: 'default', passed: false, line: 'pass rate 66.7%', ...overrides });

describe('qualityGateFailures and qualityGatePasses', () => {
  it('names a failing target in one inert line, whatever its label and the line hold', () => {
    const [failure, ...others] = qualityGateFailures([result({ target: 'evil\x1B[2J\nGATE PASSED', line: 'x\ny' }), result({ passed: true })]);
    expect(others).toEqual([]);
    expect(failure).toBe('GATE FAILED pass_rate >= 0.9: evil\\x1B[2J\\nGATE PASSED: x\\ny');
  });

  it('names the prompt variant beside the target, and prints a passing gate with its power warning', () => {
    expect(qualityGateFailures([result({ prompt: 'concise' })])).toEqual(['GATE FAILED pass_rate >= 0.9: mini (concise): pass rate 66.7%']);
    expect(qualityGatePasses([result({ passed: true, warning: 'power 31.0% against a pass rate of 85.0%: 143 cases would give 80%' }), result({})])).toEqual([
      'GATE PASSED pass_rate >= 0.9: mini: pass rate 66.7%\n  WARNING: power 31.0% against a pass rate of 85.0%: 143 cases would give 80%',
    ]);
  });

  it('cuts a label wider than 64 columns in its middle, keeping both ends', () => {
    const [failure] = qualityGateFailures([result({ target: `${'a'.repeat(150)}-eu-west` })]);
    const label = failure!.slice('GATE FAILED pass_rate >= 0.9: '.length, failure!.indexOf(': pass rate'));
    expect(label.length).toBeLessThanOrEqual(64);
    expect(label.startsWith('aaa')).toBe(true);
    expect(label.endsWith('-eu-west')).toBe(true);
  });
});
