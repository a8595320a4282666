import { describe, expect, it } from 'vitest';
import { paretoFrontier, type Objective } from './pareto-frontier.ts';

type Option = { name: string; quality?: number; cost?: number; ttft?: number };

const objectives: Array<Objective<Option>> = [
  { name: 'quality', better: 'higher', value: (option) => option.quality },
  { name: 'cost', better: 'lower', value: (option) => option.cost },
  { name: 'ttft', better: 'lower', value: (option) => option.ttft },
];

const frontierOf = (options: Option[]) =>
  paretoFrontier(options, objectives).map((entry) => ({
    name: entry.item.name,
    onFrontier: entry.onFrontier,
    dominatedBy: entry.dominatedBy.map((index) => options[index]!.name),
    undecidedBy: entry.undecidedBy.map((index) => options[index]!.name),
    missing: entry.missing,
  }));

describe('paretoFrontier', () => {
  it('keeps a trade-off and drops what is worse or equal on every figure and worse on one', () => {
    expect(
      frontierOf([
        { name: 'large', quality: 0.9, cost: 10, ttft: 400 },
        { name: 'mini', quality: 0.8, cost: 1, ttft: 300 },
        // Worse than mini on quality, equal elsewhere: dominated.
        { name: 'mini-again', quality: 0.7, cost: 1, ttft: 300 },
        // Worse than large on everything, and than mini on cost and latency.
        { name: 'slow', quality: 0.85, cost: 12, ttft: 900 },
      ]),
    ).toEqual([
      { name: 'large', onFrontier: true, dominatedBy: [], undecidedBy: [], missing: [] },
      { name: 'mini', onFrontier: true, dominatedBy: [], undecidedBy: [], missing: [] },
      { name: 'mini-again', onFrontier: false, dominatedBy: ['mini'], undecidedBy: [], missing: [] },
      { name: 'slow', onFrontier: false, dominatedBy: ['large'], undecidedBy: [], missing: [] },
    ]);
  });

  it('keeps both of two options equal on every figure', () => {
    const result = frontierOf([
      { name: 'a', quality: 0.8, cost: 1, ttft: 300 },
      { name: 'b', quality: 0.8, cost: 1, ttft: 300 },
    ]);
    expect(result.map((entry) => entry.onFrontier)).toEqual([true, true]);
  });

  it('does not place an option whose figure only one side knows: an unknown cost may be lower or higher', () => {
    const result = frontierOf([
      { name: 'priced', quality: 0.9, cost: 1, ttft: 300 },
      // No price, worse and slower than `priced`: it may be free, so it is not shown dominated.
      { name: 'unpriced', quality: 0.8, ttft: 400 },
      // No price, but faster than `priced`: a trade-off on the figures both know.
      { name: 'local', quality: 0.7, ttft: 100 },
    ]);
    expect(result).toEqual([
      { name: 'priced', onFrontier: true, dominatedBy: [], undecidedBy: [], missing: [] },
      { name: 'unpriced', onFrontier: false, dominatedBy: [], undecidedBy: ['priced'], missing: ['cost'] },
      { name: 'local', onFrontier: true, dominatedBy: [], undecidedBy: [], missing: ['cost'] },
    ]);
  });

  it('leaves out a figure neither option knows, and lets the others decide', () => {
    // Three cases each: no option has a TTFT median, so quality and cost decide.
    const result = frontierOf([
      { name: 'cheap', quality: 0.8, cost: 1 },
      { name: 'dear', quality: 0.7, cost: 5 },
    ]);
    expect(result.map((entry) => [entry.name, entry.onFrontier, entry.dominatedBy])).toEqual([
      ['cheap', true, []],
      ['dear', false, ['cheap']],
    ]);
  });

  it('lets the known figures decide between priced options when another has no price', () => {
    const result = frontierOf([
      { name: 'cheap', quality: 0.8, cost: 1, ttft: 300 },
      { name: 'dear', quality: 0.8, cost: 5, ttft: 300 },
      { name: 'unpriced', quality: 0.6, ttft: 300 },
    ]);
    expect(result.map((entry) => [entry.name, entry.dominatedBy, entry.undecidedBy])).toEqual([
      ['cheap', [], []],
      ['dear', ['cheap'], []],
      ['unpriced', [], ['cheap', 'dear']],
    ]);
  });

  it('never lets an option with no known figure dominate or be dominated', () => {
    const result = frontierOf([{ name: 'known', quality: 1, cost: 1, ttft: 1 }, { name: 'nothing' }]);
    expect(result.map((entry) => entry.onFrontier)).toEqual([true, true]);
    expect(result[1]!.missing).toEqual(['quality', 'cost', 'ttft']);
  });
});
