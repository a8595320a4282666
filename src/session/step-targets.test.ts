import { describe, expect, it } from 'vitest';
import { TargetError } from '../config/errors.ts';
import type { Case, CaseStep } from '../datasets/case.ts';
import { loadPriceTable } from '../targets/index.ts';
import { resolveEvalTargets } from './start-simulator.ts';
import { resolveStepTargets } from './step-targets.ts';

const step = (name: string, target?: string): CaseStep => ({ name, line: 1, messages: [{ role: 'user', content: name }], after: [], assert: [], ...(target ? { target } : {}) });
const pipelineCase = (steps: CaseStep[]): Case => ({ id: 'p', line: 1, messages: steps[0]!.messages, assert: [], tags: [], vars: {}, calls: { kind: 'pipeline', steps, output: steps.at(-1)!.name } });

describe('resolveStepTargets', async () => {
  const prices = await loadPriceTable(undefined);
  const settings = {
    targets: [
      { target: 'simulated:openai/gpt-4o-mini', label: 'mini' },
      { target: 'simulated:openai/gpt-4o-mini', label: 'routed', steps: { draft: 'simulated:openai/gpt-4o' } },
    ],
  };
  const targets = resolveEvalTargets(settings.targets, { environment: {}, prices });
  const cases = [pipelineCase([step('classify', 'simulated:big=openai/gpt-4o'), step('draft')])];

  it('sends a step to the run target\'s steps: override, else its own target:, else the run target', () => {
    const { stepTarget, extraTargets } = resolveStepTargets(settings, { cases, targets, prices }, {});
    const [mini, routed] = targets as [typeof targets[0], typeof targets[0]];
    const [classify, draft] = cases[0]!.calls!.steps as [CaseStep, CaseStep];
    expect(stepTarget(mini, draft)).toBe(mini);
    expect(stepTarget(routed, draft).label).toBe('openai/gpt-4o');
    expect(stepTarget(mini, classify).label).toBe('big');
    expect(stepTarget(mini, classify).price?.model).toMatch(/gpt-4o$/);
    expect(extraTargets.map((target) => target.label).sort()).toEqual(['big', 'openai/gpt-4o']);
  });

  it('a step target whose label is a run target\'s is that target', () => {
    const own = [pipelineCase([step('a', 'simulated:mini=openai/gpt-4o-mini')])];
    const { stepTarget, extraTargets } = resolveStepTargets({ targets: settings.targets.slice(0, 1) }, { cases: own, targets: targets.slice(0, 1), prices }, {});
    expect(stepTarget(targets[0]!, own[0]!.calls!.steps[0]!)).toBe(targets[0]);
    expect(extraTargets).toEqual([]);
    // The same label on another route would be two targets under one name in every report.
    const clash = [pipelineCase([step('a', 'simulated:mini=openai/gpt-4o')])];
    expect(() => resolveStepTargets({ targets: settings.targets.slice(0, 1) }, { cases: clash, targets: targets.slice(0, 1), prices }, {})).toThrow(/its label "mini" is a run target's/);
  });

  it('refuses a step target it cannot resolve, naming it', () => {
    const bad = [pipelineCase([step('a', 'openai:gpt-4o')])];
    expect(() => resolveStepTargets({ targets: settings.targets.slice(0, 1) }, { cases: bad, targets: targets.slice(0, 1), prices }, {})).toThrow(TargetError);
    expect(() => resolveStepTargets({ targets: settings.targets.slice(0, 1) }, { cases: bad, targets: targets.slice(0, 1), prices }, {})).toThrow(/step target openai:gpt-4o: /);
  });
});
