import { describe, expect, it } from 'vitest';
import { runHeaderHtml, sampledText } from './run-header-html.ts';

describe('runHeaderHtml', () => {
  it('says when the records shown are a sample of a run too large to hold, and which', () => {
    const sample = { records: 1_000_000, shown: 10_012, repeats: 10 };
    expect(sampledText(sample)).toBe('The summary counts all 1,000,000 records; the errors, charts and cases below show a sample of 10,012: repeats 1–10 of every case, and each target\'s first error.');
    expect(sampledText({ records: 2_000_000, shown: 10_001, repeats: 1, caseShare: 0.005 })).toContain('repeat 1 of 0.50% of the cases (by a hash of their id)');
    expect(runHeaderHtml({ run: { runId: 'r', simulatedTargets: [], recordsSampled: sample }, summaries: [] })).toContain('id="records-sampled"');
    expect(runHeaderHtml({ run: { runId: 'r', simulatedTargets: [] }, summaries: [] })).not.toContain('records-sampled');
  });
});
