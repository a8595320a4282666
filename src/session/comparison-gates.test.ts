import { describe, expect, it } from 'vitest';
import { InputError } from '../config/errors.ts';
import { flagNames, keyNames } from '../config/settings/setting-names.ts';
import { comparisonGates } from './comparison-gates.ts';

describe('comparisonGates', () => {
  it('turns --gate and --max-drop into gates against the comparison base', () => {
    expect(comparisonGates({ gates: ['ttft_p50 ratio <= 1.2'], maxDrop: 5 }).map((gate) => gate.text)).toEqual(['ttft_p50_ms ratio <= 1.2', 'pass_rate drop <= 5']);
  });

  it("checks the API's numbers against their settings' bounds, as flags are, naming them by key", () => {
    const problems = () => comparisonGates({ alpha: 2, maxDrop: Number.NaN, powerMargin: 5 }, keyNames);
    expect(problems).toThrow(InputError);
    expect(problems).toThrow(/gates\.maxDrop: expected a number from 0 to 100 points, got NaN\ngates\.alpha: expected a number from 0\.001 to 0\.25, got 2\ngates\.powerMargin: expected a number above 0 and at most 0\.5, got 5/);
  });

  it('refuses an unknown figure, naming the flag and a close figure', () => {
    expect(() => comparisonGates({ gates: ['pass_rte >= 0.9'] }, flagNames)).toThrow(/--gate "pass_rte >= 0\.9": .*did you mean pass_rate\?/);
  });
});
