import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/index.ts';
import { unknownCasesLines } from './simulator-cases.ts';

const caseWithId = (id: string): Case => ({ id, line: 1, messages: [{ role: 'user', content: 'hi' }], assert: [], tags: [], vars: {} });

describe('unknownCasesLines', () => {
  it('names unknown cases in one line, whatever their ids hold', () => {
    const cases = [caseWithId('a\nSTOPPED openai:gpt-4o: fake'), caseWithId('b\x1B[2J')];
    const lines = unknownCasesLines({ cases: [], unknown: cases, books: [] }, cases);
    expect(lines).toEqual(['2 of 2 cases are unknown to the simulator: their answers are echoes (a\\nSTOPPED openai:gpt-4o: fake, b\\x1B[2J).']);
  });

  it('cuts long ids in their middle and names three, counting the rest', () => {
    const cases = Array.from({ length: 60 }, (_, index) => caseWithId(`case-${index}-${'x'.repeat(640)}-end`));
    const [line, ...others] = unknownCasesLines({ cases: [], unknown: cases, books: [] }, cases);
    expect(others).toEqual([]);
    expect(line).toMatch(/^60 of 60 cases are unknown to the simulator: their answers are echoes \(case-0-x+…x+-end, case-1-x+…x+-end, case-2-x+…x+-end and 57 more\)\.$/);
    expect(line!.length).toBeLessThan(220);
  });
});
