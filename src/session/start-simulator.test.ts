import { describe, expect, it } from 'vitest';
import { TargetError } from '../config/errors.ts';
import { isSimulatedSpec, resolveEvalTargets } from './start-simulator.ts';

const prices = new Map();

describe('simulated: targets', () => {
  it('take a label before or after the prefix, or from the entry, and are marked simulated', () => {
    const targets = resolveEvalTargets(
      [{ target: 'fast=simulated:openai/gpt-4o' }, { target: 'simulated:slow=anthropic:claude-sonnet-4' }, { target: 'simulated:openai:gpt-4o-mini', label: 'mini' }, { target: 'simulated:openai/gpt-4o-mini@azure' }],
      { environment: {}, prices },
    );
    expect(targets.map((target) => [target.label, target.simulated, target.spec.kind])).toEqual([
      ['fast', true, 'gateway'],
      ['slow', true, 'anthropic'],
      ['mini', true, 'openai'],
      ['openai/gpt-4o-mini@azure', true, 'gateway'],
    ]);
    expect(isSimulatedSpec('fast=simulated:openai/gpt-4o')).toBe(true);
    expect(isSimulatedSpec('openai/gpt-4o')).toBe(false);
  });

  it('suggest a label only when a repeated simulated target has none', () => {
    const twice = () => resolveEvalTargets([{ target: 'simulated:openai/gpt-4o' }, { target: 'simulated:openai/gpt-4o' }], { environment: {}, prices });
    expect(twice).toThrow(new TargetError('target "openai/gpt-4o" is given twice (give one a label)'));
    const labelled = () => resolveEvalTargets([{ target: 'simulated:openai/gpt-4o', label: 'a' }, { target: 'simulated:openai/gpt-4o', label: 'a' }], { environment: {}, prices });
    expect(labelled).toThrow(new TargetError('target "a" is given twice'));
  });
});
