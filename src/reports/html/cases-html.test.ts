import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../records/attempt-record.ts';
import { makeAttempt } from '../../stats/make-attempt.ts';
import { summarize } from '../../stats/summarize.ts';
import type { ReportCase } from '../report-input.ts';
import { caseRows } from './case-rows.ts';
import { casesHtml } from './cases-html.ts';

function section(records: AttemptRecord[], cases: ReportCase[] | undefined, maxBytes = Infinity): string {
  const { columns, rows, notSent } = caseRows({ records, summaries: summarize(records), run: { runId: 'r', simulatedTargets: [], ...(cases ? { cases } : {}) } });
  return casesHtml(columns, rows, { notSent, maxBytes });
}

const rowCount = (html: string) => html.match(/<tr id="case-/g)?.length ?? 0;
const groupSummaries = (html: string) => [...html.matchAll(/<details class="group"(?: open)?><summary>(.*?)<\/summary>/g)].map(([, summary]) => summary);

describe('casesHtml: a run far past the bound', () => {
  it('renders a bounded share of its attempts, not every attempt on every pass, and still fits', () => {
    // 100 cases × 300 repeats, no assertions: one closed group; each answer counts its reads.
    let reads = 0;
    const records = Array.from({ length: 30_000 }, (_, index) => {
      const record = makeAttempt({ caseId: `c${index % 100}`, target: 'a', repeat: 1 + Math.floor(index / 100), output: '' });
      Object.defineProperty(record, 'output', { enumerable: true, get: () => (reads += 1, 'answer '.repeat(10)) });
      return record;
    });
    const bound = 20_000;
    const html = section(records, undefined, bound);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(bound);
    expect(html).toContain('100 cases of 100 are left out here');
    // Each pass stops once its rows pass 19× the bound (past it the texts shrink by the same
    // least factor): fewer reads in all than attempts, where every pass used to read them all.
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThan(records.length);
  });
});

describe('casesHtml: the bound', () => {
  // 10 failed cases (an open group), 390 passed ones (closed), every text as heavy as escaping makes it.
  const records = Array.from({ length: 400 }, (_, index) =>
    makeAttempt({ caseId: `c${index}`, target: 'a', output: '<'.repeat(1000), score: { score: index < 10 ? 0 : 1, passed: index >= 10, reason: '<'.repeat(300) } }));
  const whole = section(records, undefined);

  it('carries every row when the section fits', () => {
    expect(rowCount(whole)).toBe(400);
    expect(whole).not.toContain('left out');
  });

  it('cuts the texts shorter, and keeps every row, when that is enough', () => {
    const bound = Math.floor(Buffer.byteLength(whole) * 0.6);
    const html = section(records, undefined, bound);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(bound);
    expect(rowCount(html)).toBe(400);
  });

  it('leaves out the closed groups\' rows when even the shortest texts do not fit, keeping the open ones and every heading', () => {
    const bound = 20_000;
    const html = section(records, undefined, bound);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(bound);
    expect(rowCount(html)).toBe(10);
    expect(html).toContain('390 cases of 400 are left out here, their groups\' headings and counts kept, to keep the page small: results.jsonl has every case and answer.');
    expect(groupSummaries(html)).toEqual(['no tag · 10 cases', 'no tag · 390 cases']);
  });

  it('leaves out every row, then every heading, as the bound tightens: the section always fits', () => {
    for (const bound of [2_000, 600, 300]) {
      const html = section(records, undefined, bound);
      expect(Buffer.byteLength(html)).toBeLessThanOrEqual(bound);
      expect(rowCount(html)).toBe(0);
      expect(html).toContain('results.jsonl has every case');
    }
  });
});

describe('casesHtml: groups', () => {
  it('groups by the first tag not every case of its dataset has, not by the dataset\'s default tag', () => {
    const cases = [
      { dataset: 'qa', caseId: 'q1', tags: ['qa', 'en', 'geography'] },
      { dataset: 'qa', caseId: 'q2', tags: ['qa', 'en', 'math'] },
      { dataset: 'qa', caseId: 'q3', tags: ['qa', 'en', 'geography', 'hard'] },
      { dataset: 'qa', caseId: 'q4', tags: ['qa', 'en'] },
      { dataset: 'vision', caseId: 'v1', tags: ['vision', 'count'] },
      { dataset: 'vision', caseId: 'v2', tags: ['vision', 'count'] },
      { dataset: 'solo', caseId: 's1', tags: ['solo', 'own'] },
    ];
    const records = cases.map(({ dataset, caseId }) => makeAttempt({ dataset, caseId, target: 'a', output: 'x', score: { score: 1, passed: true, reason: 'ok' } }));
    expect(groupSummaries(section(records, cases))).toEqual([
      'qa · geography · 2 cases', 'qa · math · 1 case',
      // Only the dataset's shared tags: grouped by its first.
      'qa · qa · 1 case',
      // Every case has the same tags: nothing tells them apart.
      'vision · vision · 2 cases',
      'solo · solo · 1 case',
    ]);
  });
});
