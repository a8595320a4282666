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
      { name: 'large', onFrontier: true, dominatedBy: [], missing: [] },
      { name: 'mini', onFrontier: true, dominatedBy: [], missing: [] },
      { name: 'mini-again', onFrontier: false, dominatedBy: ['mini'], missing: [] },
      { name: 'slow', onFrontier: false, dominatedBy: ['large'], missing: [] },
    ]);
  });

  it('keeps both of two options equal on every figure', () => {
    const result = frontierOf([
      { name: 'a', quality: 0.8, cost: 1, ttft: 300 },
      { name: 'b', quality: 0.8, cost: 1, ttft: 300 },
    ]);
    expect(result.map((entry) => entry.onFrontier)).toEqual([true, true]);
  });

  it('leaves a missing figure out of the comparisons with that option, and names it', () => {
    const result = frontierOf([
      { name: 'priced', quality: 0.9, cost: 1, ttft: 300 },
      // No price: cost cannot save it, so the better quality and latency of `priced` dominate it.
      { name: 'unpriced', quality: 0.8, ttft: 400 },
      // No price, but faster than `priced`: a trade-off on the figures both know.
      { name: 'local', quality: 0.7, ttft: 100 },
    ]);
    expect(result).toEqual([
      { name: 'priced', onFrontier: true, dominatedBy: [], missing: [] },
      { name: 'unpriced', onFrontier: false, dominatedBy: ['priced'], missing: ['cost'] },
      { name: 'local', onFrontier: true, dominatedBy: [], missing: ['cost'] },
    ]);
  });

  it('lets the known figures decide between priced options when another has no price', () => {
    const result = frontierOf([
      { name: 'cheap', quality: 0.8, cost: 1, ttft: 300 },
      { name: 'dear', quality: 0.8, cost: 5, ttft: 300 },
      { name: 'unpriced', quality: 0.6, ttft: 300 },
    ]);
    expect(result.map((entry) => [entry.name, entry.dominatedBy])).toEqual([
      ['cheap', []],
      ['dear', ['cheap']],
      ['unpriced', ['cheap', 'dear']],
    ]);
  });

  it('never lets an option with no known figure dominate or be dominated', () => {
    const result = frontierOf([{ name: 'known', quality: 1, cost: 1, ttft: 1 }, { name: 'nothing' }]);
    expect(result.map((entry) => entry.onFrontier)).toEqual([true, true]);
    expect(result[1]!.missing).toEqual(['quality', 'cost', 'ttft']);
  });
});
