import { describe, expect, it } from 'vitest';
import { checkEvalDefinition } from './check-eval-definition.ts';

describe('checkEvalDefinition', () => {
  it('words empty lists and malformed reporter entries in the project\'s words, not the schema library\'s', () => {
    const result = checkEvalDefinition({ datasets: [], targets: [], reporters: [['report-html', {}, 'extra'], 3] });
    expect('problems' in result && result.problems.map((problem) => `${problem.field}: ${problem.message}`)).toEqual([
      'datasets: expected at least one dataset',
      'targets: expected at least one target',
      'reporters[0]: expected [name, { options }]: two items',
      'reporters[1]: expected string or array, got number 3',
    ]);
  });
});
