import { describe, expect, it } from 'vitest';
import { parseGate } from './parse-gate.ts';

const gate = (text: string) => {
  const parsed = parseGate(text);
  if ('problem' in parsed) throw new Error(parsed.problem);
  const { figure, ...rest } = parsed.gate;
  return { ...rest, figure: figure.name };
};
const problem = (text: string) => {
  const parsed = parseGate(text);
  return 'problem' in parsed ? parsed.problem : undefined;
};

describe('parseGate', () => {
  it('reads every form and operator, with or without spaces and the unit suffix', () => {
    expect(gate('pass_rate >= 0.9')).toEqual({ text: 'pass_rate >= 0.9', figure: 'pass_rate', form: 'absolute', operator: '>=', value: 0.9 });
    expect(gate('  ttft_p50_ms<=800 ')).toEqual({ text: 'ttft_p50_ms <= 800', figure: 'ttft_p50_ms', form: 'absolute', operator: '<=', value: 800 });
    expect(gate('ttft_p50 ratio <= 1.2')).toEqual({ text: 'ttft_p50_ms ratio <= 1.2', figure: 'ttft_p50_ms', form: 'ratio', operator: '<=', value: 1.2 });
    expect(gate('output_tps_p50 ratio > .9')).toMatchObject({ form: 'ratio', operator: '>', value: 0.9 });
    expect(gate('cost_per_1k_requests ratio < 1.1')).toMatchObject({ figure: 'cost_per_1k_requests_usd', form: 'ratio', operator: '<' });
    expect(gate('pass_rate drop <= 5')).toEqual({ text: 'pass_rate drop <= 5', figure: 'pass_rate', form: 'drop', operator: '<=', value: 5 });
    expect(gate('success_rate drop < 2.5')).toMatchObject({ form: 'drop', operator: '<', value: 2.5 });
    expect(gate('requests > 10')).toMatchObject({ figure: 'requests', form: 'absolute', operator: '>' });
  });

  it('refuses an unknown figure with the figure it most likely meant (k6 #1526: a typo passed silently)', () => {
    expect(problem('pass_rat >= 0.9')).toMatch(/^unknown figure "pass_rat"; did you mean pass_rate\? \(figures: pass_rate, success_rate, /);
    expect(problem('ttft_p05 ratio <= 1.2')).toMatch(/^unknown figure "ttft_p05"; did you mean ttft_p50/);
    expect(problem('pass-rate >= 0.9')).toMatch(/did you mean pass_rate\?/);
    expect(problem('latency <= 3')).toMatch(/^unknown figure "latency" \(figures: /);
    expect(problem('target >= 1')).toBe('target is a summary.csv column that holds no figure a gate can test');
  });

  it('refuses a figure that cannot take the form, and a number out of its range', () => {
    expect(problem('requests drop <= 2')).toBe('requests cannot take drop: only pass_rate, success_rate, pass_rate_answered, pass_at_k and pass_all_k can (a drop in points against a baseline run)');
    expect(problem('pass_rate ratio >= 0.9')).toBe('pass_rate cannot take ratio: only ttft_p50_ms, e2e_p50_ms, output_tps_p50, cost_per_1k_requests_usd can');
    expect(problem('pass_rate drop >= 5')).toBe('a drop gate bounds the drop from above: pass_rate drop <= POINTS');
    expect(problem('pass_rate drop <= 150')).toBe('expected a drop of 0 to 100 points, got 150');
    expect(problem('pass_rate >= 90')).toBe('pass_rate is a share from 0 to 1, got 90; did you mean 0.9?');
    expect(problem('ttft_p50 ratio <= 0')).toBe('expected a ratio above 0, got 0');
    expect(problem('ttft_p50_ms <= -1')).toBe('ttft_p50_ms is never below 0, got -1');
  });

  it('says what is wrong with a malformed expression, its text escaped', () => {
    expect(problem('')).toBe('expected FIGURE OP NUMBER, FIGURE ratio OP NUMBER or FIGURE drop OP POINTS (e.g. pass_rate >= 0.9)');
    expect(problem('pass_rate == 0.9')).toBe('expected one of >=, <=, >, < after pass_rate, got "=="');
    expect(problem('pass_rate 0.9')).toBe('expected one of >=, <=, >, < after pass_rate, got "0.9"');
    expect(problem('pass_rate drops <= 5')).toBe('expected ratio, drop or an operator after pass_rate, got "drops"; did you mean drop?');
    expect(problem('pass_rate >= ninety')).toBe('expected a number after >=, got "ninety"');
    expect(problem('pass_rate >=')).toBe('expected a number after >=, got nothing');
    expect(problem('pass_rate >= 0.9\x1B[2J')).toBe('expected a number after >=, got "0.9\\u{1b}[2J"');
    expect(problem('pass_rate >= 0x10')).toBe('expected a number after >=, got "0x10"');
    expect(problem('requests >= 1e999')).toBe('expected a finite number after >=, got "1e999" (too large: it reads as Infinity)');
    expect(problem('cost_usd_total <= 1e-400')).toBe('expected a number after <= that is not 0 once read, got "1e-400" (too small: it reads as 0; write 0 if that is meant)');
    expect(problem('cost_usd_total <= .5e-330')).toMatch(/^expected a number after <= that is not 0 once read, got "\.5e-330"/);
    // Zero written as zero, in any spelling, and a tiny number a double still holds, are numbers.
    expect(gate('cost_usd_total <= 0.0e-400')).toMatchObject({ value: 0 });
    expect(gate('cost_usd_total <= 1e-300')).toMatchObject({ value: 1e-300 });
    expect(problem(`pass_rate ${' '.repeat(300)}x`)).toMatch(/, got 311 characters$/);
  });
});
