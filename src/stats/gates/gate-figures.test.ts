import { describe, expect, it } from 'vitest';
import { summaryColumns } from '../../reports/summary-columns.ts';
import { findGateFigure, gateFigures } from './gate-figures.ts';

describe('gateFigures', () => {
  it('names only summary.csv columns, each once, so a gate reads the figure a user sees', () => {
    const columns = summaryColumns.map((column) => column.name);
    const names = gateFigures.map((figure) => figure.name);
    expect(names.filter((name) => !columns.includes(name))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('finds a figure by its column, or by the column without its unit', () => {
    expect(findGateFigure('ttft_p50')?.name).toBe('ttft_p50_ms');
    expect(findGateFigure('cost_per_1k_requests')?.name).toBe('cost_per_1k_requests_usd');
    expect(findGateFigure('pass_rate')?.kind).toBe('rate');
    expect(findGateFigure('ttft_p99')).toMatchObject({ kind: 'percentile', sample: 'ttftMs', percentile: 99 });
    expect(findGateFigure('cost_total')).toBeUndefined();
    expect(findGateFigure('target')).toBeUndefined();
  });

  it('gates every rate summary.csv reports with an interval, and the flaky cases as a count', () => {
    expect(['pass_rate_answered', 'pass_at_k', 'pass_all_k'].map((name) => findGateFigure(name)?.kind)).toEqual(['rate', 'rate', 'rate']);
    expect(findGateFigure('flaky_cases')).toMatchObject({ kind: 'plain', better: 'lower' });
  });
});
