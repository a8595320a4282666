import { describe, expect, it } from 'vitest';
import { caseKey } from '../records/case-key.ts';
import type { CaseOutcome } from './case-outcomes.ts';
import type { CasePair, PairComparison, RateChange, RatioChange, Verdict } from './case-comparison.ts';
import type { ChoiceOption } from './choice-option.ts';
import { recommend, type RecommendInput } from './recommend.ts';

function option(target: string, figures: Partial<ChoiceOption> = {}): ChoiceOption {
  return {
    target, prompt: 'default', simulated: false, cases: 50, repeats: 1, requests: 50, unanswered: 0, passed: 45,
    passRate: 0.9, passRateInterval: { low: 0.786, high: 0.957 }, passRateCases: 50, costUsd: 0.5, costPerRequestUsd: 0.01, costPerPassedUsd: 0.5 / 45,
    ttftP50Ms: { n: 50, estimate: 400, low: 380, high: 420 }, e2eP50Ms: { n: 50, estimate: 900, low: 850, high: 950 },
    ...figures,
  };
}

function outcome(dataset: string, caseId: string, passed: boolean): CaseOutcome {
  return {
    key: caseKey({ dataset, caseId }), dataset, caseId, slots: 1, answered: 1, scored: 1, passed: passed ? 1 : 0, unscored: 0,
    ttftMs: [], e2eMs: [], outputTps: [], costUsd: undefined, verdicts: [passed],
  };
}

/** `both` cases passed by both, `lost` passed by base only, `gained` by current only (each `dataset/id`). */
function pairs(spec: { both: number; lost: string[]; gained: string[]; dataset?: string }): CasePair[] {
  const pair = (label: string, base: boolean, current: boolean): CasePair => {
    const [dataset, caseId] = label.split('/') as [string, string];
    return { key: caseKey({ dataset, caseId }), dataset, caseId, base: outcome(dataset, caseId, base), current: outcome(dataset, caseId, current) };
  };
  return [
    ...Array.from({ length: spec.both }, (_, index) => pair(`${spec.dataset ?? 'smoke'}/both-${index + 1}`, true, true)),
    ...spec.lost.map((label) => pair(label, true, false)),
    ...spec.gained.map((label) => pair(label, false, true)),
  ];
}

const ratio: RatioChange = { base: undefined, current: undefined, ratio: undefined, interval: undefined, verdict: 'not enough data' };

function comparison(base: ChoiceOption, current: ChoiceOption, change: Partial<RateChange> & { verdict: Verdict }, casePairs: CasePair[]): PairComparison {
  const passRate: RateChange = {
    level: 0.95, cases: casePairs.length, base: undefined, current: undefined, difference: undefined, interval: undefined,
    pValue: undefined, adjustedPValue: undefined, method: 'exact McNemar', minimumDetectable: 0.08, ...change,
  };
  return {
    target: current.target, prompt: current.prompt, baseTarget: base.target, basePrompt: base.prompt, cases: casePairs.length, repeats: 1,
    passRate, passRateAnswered: passRate, failureRate: passRate,
    ttftP50: ratio, e2eP50: ratio, outputTpsP50: ratio, costPerRequest: ratio, costPerPassed: ratio,
    flips: { worse: [], better: [] }, pairs: casePairs,
  };
}

/** A compare() that answers from a table keyed by the candidate's target, and records what it was asked. */
function fakeCompare(answers: Record<string, (base: ChoiceOption, current: ChoiceOption) => PairComparison | undefined>) {
  const calls: string[] = [];
  const compare: RecommendInput['compare'] = (base, current) => {
    calls.push(`${current.target} vs ${base.target}`);
    return answers[current.target]?.(base, current);
  };
  return { compare, calls };
}

describe('recommend', () => {
  it('recommends the cheaper option that matches the best within the interval, naming its evidence', () => {
    const large = option('openai:gpt-4o', { passRate: 0.92, costPerRequestUsd: 0.01 });
    const mini = option('openai:gpt-4o-mini', { passRate: 0.9, costPerRequestUsd: 0.0006 });
    const { compare, calls } = fakeCompare({
      'openai:gpt-4o-mini': (base, current) =>
        comparison(base, current, { verdict: 'no detectable change', difference: -0.02, interval: { low: -0.081, high: 0.04 } }, pairs({
          both: 43,
          lost: ['json-extraction/invoice-1', 'json-extraction/invoice-4', 'json-extraction/address-2', 'json-extraction/order-9'],
          gained: ['smoke/capital-france', 'smoke/add-small', 'smoke/haiku'],
        })),
    });
    const result = recommend({ options: [large, mini], undominated: [true, true], compare, incomplete: false });
    expect(calls).toEqual(['openai:gpt-4o-mini vs openai:gpt-4o']);
    expect(result.paragraph).toBe(
      'Choose openai:gpt-4o-mini: it matches openai:gpt-4o within the interval (−2.0 points, 95% CI −8.1 to +4.0) on 46 of 50 cases at 6% of the cost; the 4 it lost are all json-extraction.',
    );
    expect(result.recommended).toEqual({ target: 'openai:gpt-4o-mini', prompt: 'default' });
    expect(result.best).toEqual({ target: 'openai:gpt-4o', prompt: 'default' });
    expect(result.candidates[0]!.lost.map((identity) => identity.caseId)).toEqual(['invoice-1', 'invoice-4', 'address-2', 'order-9']);
    expect(result.caveats).toEqual([]);
  });

  it('keeps the best when every cheaper option is worse, and says by how much', () => {
    const large = option('gpt-4o', { passRate: 0.865, passRateInterval: { low: 0.72, high: 0.941 }, cases: 37, passRateCases: 37, costPerRequestUsd: 0.000449 });
    const mini = option('gpt-4o-mini', { passRate: 0.73, costPerRequestUsd: 0.0000275 });
    const { compare } = fakeCompare({
      'gpt-4o-mini': (base, current) =>
        comparison(base, current, { verdict: 'worse', difference: -0.135, interval: { low: -0.31, high: -0.048 } }, pairs({
          dataset: 'qa', both: 26, lost: ['qa/a', 'qa/b', 'qa/c', 'qa/d', 'qa/e', 'qa/f', 'qa/g', 'qa/h'], gained: ['qa/i', 'qa/j', 'qa/k'],
        })),
    });
    const result = recommend({ options: [mini, large], undominated: [true, true], compare, incomplete: false });
    expect(result.paragraph).toBe(
      'Choose gpt-4o: it has the highest pass rate (86.5%, 95% CI 72.0 to 94.1, over 37 cases), and nothing cheaper matches it: gpt-4o-mini is worse (−13.5 points, 95% CI −31.0 to −4.8) at 6% of the cost, losing 8 of 37 cases.',
    );
    expect(result.recommended).toEqual({ target: 'gpt-4o', prompt: 'default' });
  });

  it('takes the cheapest match, skipping cheaper options that are worse and options off the frontier', () => {
    const large = option('large', { passRate: 0.95, costPerRequestUsd: 0.02 });
    const cheapest = option('cheapest', { passRate: 0.6, costPerRequestUsd: 0.0001 });
    const dominated = option('dominated', { passRate: 0.9, costPerRequestUsd: 0.0005 });
    const middle = option('middle', { passRate: 0.93, costPerRequestUsd: 0.001 });
    const { compare, calls } = fakeCompare({
      cheapest: (base, current) => comparison(base, current, { verdict: 'worse', difference: -0.35, interval: { low: -0.5, high: -0.2 } }, pairs({ dataset: 'qa', both: 30, lost: [], gained: [] })),
      middle: (base, current) => comparison(base, current, { verdict: 'no detectable change', difference: -0.02, interval: { low: -0.06, high: 0.02 } }, pairs({ dataset: 'qa', both: 48, lost: ['qa/q7', 'qa/q9'], gained: [] })),
    });
    const result = recommend({ options: [large, cheapest, dominated, middle], undominated: [true, true, false, true], compare, incomplete: false });
    expect(calls).toEqual(['cheapest vs large', 'middle vs large']);
    expect(result.recommended?.target).toBe('middle');
    expect(result.candidates.map((candidate) => [candidate.target, candidate.verdict])).toEqual([['cheapest', 'worse'], ['middle', 'no detectable change']]);
    // One dataset: the lost cases are named by id.
    expect(result.paragraph).toBe('Choose middle: it matches large within the interval (−2.0 points, 95% CI −6.0 to +2.0) on 48 of 50 cases at 5% of the cost; the 2 it lost are q7 and q9.');
  });

  it('names its caveats: simulated figures, an incomplete run, unanswered requests, a wide interval, a missing price', () => {
    const large = option('large', { passRate: 0.9, costPerRequestUsd: 0.01, simulated: true, unanswered: 3, requests: 20, cases: 20 });
    const small = option('small', { passRate: 0.85, costPerRequestUsd: 0.004, simulated: true, requests: 20, cases: 20 });
    const local = option('local', { passRate: 0.5, costPerRequestUsd: undefined, costUsd: undefined, costPerPassedUsd: undefined });
    const { compare } = fakeCompare({
      small: (base, current) =>
        comparison(base, current, { verdict: 'no detectable change', difference: -0.05, interval: { low: -0.25, high: 0.15 }, minimumDetectable: 0.284 }, pairs({
          both: 16, lost: ['smoke/a', 'smoke/b', 'json-extraction/c'], gained: ['smoke/d', 'smoke/e'],
        })),
    });
    const result = recommend({ options: [large, small, local], undominated: [true, true, true], compare, incomplete: true });
    expect(result.caveats).toEqual([
      'large and small are simulated: illustrative figures, not measurements',
      'the run is incomplete: some requests were never sent',
      "3 of large's 20 requests got no answer and count as failed",
      'with 21 cases, only a difference of 28.4 points or more could be detected (80% power), so a smaller loss may be hidden',
      'local has no price: cost is left out when weighing it',
    ]);
    expect(result.paragraph).toBe(
      'Choose small: it is not shown to be worse than large (−5.0 points, 95% CI −25.0 to +15.0) on 18 of 21 cases at 40% of the cost; 2 of the 3 it lost are smoke. '
        + 'Caveats: large and small are simulated: illustrative figures, not measurements; the run is incomplete: some requests were never sent; '
        + "3 of large's 20 requests got no answer and count as failed; with 21 cases, only a difference of 28.4 points or more could be detected (80% power), so a smaller loss may be hidden; "
        + 'local has no price: cost is left out when weighing it.',
    );
  });

  it('says when the cases are too few to detect any difference, rather than dropping the caveat', () => {
    const large = option('large', { passRate: 1, cases: 3, passRateCases: 3, requests: 3 });
    const small = option('small', { passRate: 2 / 3, costPerRequestUsd: 0.0005, cases: 3, passRateCases: 3, requests: 3 });
    const { compare } = fakeCompare({
      // At 3 cases not even every case flipping reaches 80% power: the smallest detectable change is undefined.
      small: (base, current) => comparison(base, current, { verdict: 'no detectable change', difference: -1 / 3, interval: { low: -0.875, high: 0.548 }, minimumDetectable: undefined }, pairs({
        both: 2, lost: ['smoke/capital-france'], gained: [],
      })),
    });
    const result = recommend({ options: [large, small], undominated: [true, true], compare, incomplete: false });
    expect(result.recommended?.target).toBe('small');
    expect(result.caveats).toEqual(['too few cases (3) to detect any difference (80% power), so a loss of any size may be hidden']);
  });

  it('says a priced option that answered nothing has no cost for that reason, not for want of a price', () => {
    const good = option('good', { costPerRequestUsd: 0.02 });
    const dead = option('dead', { passRate: 0, requests: 50, unanswered: 50, passed: 0, costUsd: undefined, costPerRequestUsd: undefined, costPerPassedUsd: undefined });
    const local = option('local', { passRate: 0.5, costUsd: undefined, costPerRequestUsd: undefined, costPerPassedUsd: undefined });
    const result = recommend({ options: [good, dead, local], undominated: [true, false, true], compare: fakeCompare({}).compare, incomplete: false });
    expect(result.caveats).toEqual([
      'local has no price: cost is left out when weighing it',
      'dead has no cost (nothing answered): cost is left out when weighing it',
    ]);
    const deadBest = recommend({ options: [{ ...dead, passRate: 0.9 }, option('other', { passRate: 0.5 })], undominated: [true, true], compare: fakeCompare({}).compare, incomplete: false });
    expect(deadBest.paragraph).toContain('its cost is unknown (nothing answered), so no cheaper option could be weighed against it');
    expect(deadBest.paragraph).not.toContain('no price');
  });

  it('spreads the lost cases over their datasets when no dataset holds most of them', () => {
    const large = option('large', { passRate: 0.9 });
    const small = option('small', { passRate: 0.88, costPerRequestUsd: 0.000_04 });
    const { compare } = fakeCompare({
      small: (base, current) => comparison(base, current, { verdict: 'no detectable change', difference: -0.02, interval: { low: -0.1, high: 0.06 } }, pairs({
        both: 40, lost: ['math/m1', 'smoke/s1', 'qa/q1', 'math/m2'], gained: ['qa/q2', 'qa/q3', 'qa/q4'],
      })),
    });
    expect(recommend({ options: [large, small], undominated: [true, true], compare, incomplete: false }).paragraph).toBe(
      'Choose small: it matches large within the interval (−2.0 points, 95% CI −10.0 to +6.0) on 43 of 47 cases at 0.4% of the cost; the 4 it lost are spread over math (2), qa (1) and smoke (1).',
    );
  });

  it('keeps the best when its cost is unknown, and when it is the only option scored', () => {
    const unpriced = option('large', { passRate: 0.9, costPerRequestUsd: undefined, costUsd: undefined });
    const unscored = option('small', { passRate: undefined, passRateInterval: undefined, costPerRequestUsd: 0.001 });
    const { compare, calls } = fakeCompare({});
    expect(recommend({ options: [unpriced, option('other', { passRate: 0.5 })], undominated: [true, true], compare, incomplete: false }).paragraph).toMatch(
      /^Choose large: it has the highest pass rate \(90\.0%, 95% CI 78\.6 to 95\.7, over 50 cases\); its cost is unknown \(no price\), so no cheaper option could be weighed against it\. Caveats: large has no price/,
    );
    expect(recommend({ options: [unscored, option('only', { costPerRequestUsd: 0.01 })], undominated: [true, true], compare, incomplete: false }).paragraph).toBe(
      'Choose only: it is the only option with a pass rate (90.0%, 95% CI 78.6 to 95.7, over 50 cases).',
    );
    expect(calls).toEqual([]);
  });

  it('says so when nothing was scored', () => {
    const result = recommend({ options: [option('a', { passRate: undefined })], undominated: [true], compare: () => undefined, incomplete: false });
    expect(result.recommended).toBeUndefined();
    expect(result.paragraph).toBe('No option has a pass rate (nothing was scored), so there is nothing to recommend.');
  });

  it('names the prompt when the run compared prompts', () => {
    const long = { ...option('gpt-4o', { passRate: 0.9, costPerRequestUsd: 0.002 }), prompt: 'long' };
    const short = { ...option('gpt-4o', { passRate: 0.9, costPerRequestUsd: 0.001 }), prompt: 'short' };
    const result = recommend({ options: [long, short], undominated: [true, true], compare: () => undefined, incomplete: false });
    // A tie on pass rate goes to the cheaper, which then has nothing cheaper to weigh.
    expect(result.paragraph).toBe('Choose gpt-4o with prompt short: it has the highest pass rate (90.0%, 95% CI 78.6 to 95.7, over 50 cases), and no option on the frontier costs less per request.');
  });
});
