import { describe, expect, it } from 'vitest';
import type { CaseCalls, CaseStep } from '../../datasets/case.ts';
import { criticalPath } from './critical-path.ts';

const step = (name: string, after: string[] = []): CaseStep => ({ name, line: 1, messages: [], after, assert: [] });
const diamond: CaseCalls = { kind: 'pipeline', steps: [step('a'), step('b', ['a']), step('c', ['a']), step('d', ['b', 'c'])], output: 'd' };

describe('criticalPath', () => {
  it('counts parallel steps once: the longest chain, and the output step\'s TTFT from when it could start', () => {
    const timings = new Map([
      ['a', { ttftMs: 10, e2eMs: 100 }],
      ['b', { ttftMs: 10, e2eMs: 300 }],
      ['c', { ttftMs: 10, e2eMs: 50 }],
      ['d', { ttftMs: 40, e2eMs: 200 }],
    ]);
    expect(criticalPath(diamond, timings)).toEqual({ e2eMs: 600, ttftMs: 440, sumOfStepsMs: 650 });
  });

  it('a conversation\'s turns run one after another, whatever their after says', () => {
    const calls: CaseCalls = { kind: 'conversation', steps: [step('turn-1'), step('turn-2'), step('turn-3')], output: 'turn-3' };
    const timings = new Map([['turn-1', { ttftMs: 5, e2eMs: 10 }], ['turn-2', { ttftMs: 5, e2eMs: 20 }], ['turn-3', { ttftMs: 5, e2eMs: 30 }]]);
    expect(criticalPath(calls, timings)).toEqual({ e2eMs: 60, ttftMs: 35, sumOfStepsMs: 60 });
  });

  it('has no figure when a step on the way has none (a cached answer): unknown, never 0', () => {
    const timings = new Map([['a', {}], ['b', { e2eMs: 300 }], ['c', { e2eMs: 50 }], ['d', { ttftMs: 40, e2eMs: 200 }]]);
    expect(criticalPath(diamond, timings)).toEqual({});
  });
});
