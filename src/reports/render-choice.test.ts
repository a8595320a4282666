import { describe, expect, it } from 'vitest';
import type { Choice, WeighedOption } from '../stats/make-choice.ts';
import { displayWidth } from './display-width.ts';
import { renderChoice } from './render-choice.ts';

function option(target: string, figures: Partial<WeighedOption> = {}): WeighedOption {
  return {
    target, prompt: 'default', simulated: false, cases: 37, repeats: 1, requests: 37, unanswered: 0, passed: 32,
    passRate: 0.865, passRateInterval: { low: 0.72, high: 0.941 }, passRateCases: 37, costUsd: 0.0166, costPerRequestUsd: 0.000449, costPerPassedUsd: 0.000519,
    ttftP50Ms: { n: 37, estimate: 416, low: 380, high: 450 }, e2eP50Ms: { n: 37, estimate: 995, low: 870, high: 1102 },
    onFrontier: true, dominatedBy: [], undecidedBy: [], missing: [],
    ...figures,
  };
}

const recommendation = (paragraph: string): Choice['recommendation'] => ({
  recommended: { target: 'openai/gpt-4o', prompt: 'default' }, best: { target: 'openai/gpt-4o', prompt: 'default' }, candidates: [], caveats: [], paragraph,
});

const columns = (text: string) => Math.max(...text.split('\n').map((line) => [...line].length));

describe('renderChoice', () => {
  const choice: Choice = {
    runId: 'r1',
    incomplete: false,
    options: [
      option('openai/gpt-4o', { simulated: true }),
      option('openai/gpt-4o-mini@azure', { simulated: true, passRate: 0.73, passRateInterval: { low: 0.57, high: 0.85 }, costPerRequestUsd: 0.0000275, costPerPassedUsd: 0.0000377 }),
      option('openai/gpt-4o-mini@openai', { simulated: true, passRate: 0.7, onFrontier: false, dominatedBy: [{ target: 'openai/gpt-4o-mini@azure', prompt: 'default' }] }),
      option('local=openai-compatible:llama3.1@http://127.0.0.1:8000/v1', {
        costUsd: undefined, costPerRequestUsd: undefined, costPerPassedUsd: undefined, missing: ['cost per request', 'TTFT p50'], ttftP50Ms: { n: 4, estimate: undefined, needed: 6 },
      }),
    ],
    recommendation: recommendation('Choose openai/gpt-4o: it has the highest pass rate (86.5%, 95% CI 72.0 to 94.1, over 37 cases), and nothing cheaper matches it: openai/gpt-4o-mini@azure is worse (−13.5 points, 95% CI −31.0 to −4.8) at 6% of the cost, losing 8 of 37 cases.'),
  };
  const text = renderChoice(choice);

  it('fits 100 columns, long labels and the paragraph included', () => {
    expect(columns(text)).toBeLessThanOrEqual(100);
  });

  it('narrows the label column when the figures are wide (a slow model, a dear one)', () => {
    const slow = renderChoice({
      ...choice,
      options: [
        option('openai-compatible:some-very-long-model-name@http://127.0.0.1:8000/v1', {
          cases: 12345, costPerRequestUsd: 123.456, costPerPassedUsd: 45678.9,
          ttftP50Ms: { n: 12345, estimate: 123456, low: 120000, high: 130000 }, e2eP50Ms: { n: 12345, estimate: 234567, low: 230000, high: 240000 },
        }),
      ],
    });
    expect(columns(slow)).toBeLessThanOrEqual(100);
    // The label wraps inside its column, whole.
    const labelColumn = slow.split('\n').filter((line) => line.startsWith('│')).map((line) => line.split('│')[1]!.trim()).join('');
    expect(labelColumn).toContain('* openai-compatible:some-very-long-model-name@http://127.0.0.1:8000/v1');
  });

  it('marks the frontier, says what dominates the rest and what was left out', () => {
    expect(text).toContain('│ * openai/gpt-4o ');
    expect(text).toContain('│ openai/gpt-4o-mini@openai ');
    expect(text).not.toContain('* openai/gpt-4o-mini@openai');
    expect(text).toContain('openai/gpt-4o-mini@openai is dominated by openai/gpt-4o-mini@azure.');
    expect(text.replace(/\n/g, ' ')).toContain(
      'local=openai-compatible:llama3.1@http://127.0.0.1:8000/v1: no cost (no price); no TTFT p50 (4 answers, fewer than the 6 it needs).',
    );
    expect(text).toContain('n<6');
    expect(text).toContain('(simulated)');
  });

  it('does not call an option with an unknown cost dominated: it is not placed, and says which figure keeps it so', () => {
    const fast = option('fast', { passRate: 1 });
    const unknownCost = { costUsd: undefined, costPerRequestUsd: undefined, costPerPassedUsd: undefined, missing: ['cost per request' as const] };
    const slow = option('slow', { passRate: 0, ...unknownCost, onFrontier: false, undecidedBy: [{ target: 'fast', prompt: 'default' }] });
    const dead = option('dead', { passRate: 0, requests: 20, unanswered: 20, ...unknownCost, onFrontier: false, dominatedBy: [] , undecidedBy: [{ target: 'fast', prompt: 'default' }] });
    const rendered = renderChoice({ ...choice, options: [fast, slow, dead] }).replace(/\n/g, ' ');
    expect(rendered).not.toContain('slow is dominated');
    expect(rendered).toContain('slow is not placed: fast would dominate it on the figures both have, but cost per request is known for one of them only.');
    expect(rendered).toContain('slow: no cost (no price).');
    // A priced target that answered nothing has no cost because nothing was answered.
    expect(rendered).toContain('dead: no cost (nothing answered).');
    expect(rendered).not.toContain('│ * slow');
  });

  it('shows each figure with its interval, and cost per 1,000 requests and per 1,000 passed answers', () => {
    const firstRow = text.split('\n').filter((line) => line.includes('openai/gpt-4o ') || line.includes('(simulated)')).slice(0, 2).join('\n');
    expect(firstRow).toMatch(/86\.5.*0\.449.*0\.519.*416.*995/);
    expect(firstRow).toMatch(/72–94.*380–450.*870–1102/);
  });

  it('ends with the recommendation, wrapped', () => {
    const tail = text.slice(text.indexOf('Recommendation:')).replace(/\n/g, ' ');
    expect(tail).toBe(`Recommendation: ${choice.recommendation.paragraph}`);
  });

  it('makes labels and the paragraph inert for the terminal', () => {
    const hostile = renderChoice({
      ...choice,
      options: [option('evil\x1B[2J\x07\u202Em')],
      recommendation: recommendation('Choose evil\x1B[2J: the one it lost is q\u202E1.'),
    });
    expect(hostile).not.toMatch(/[\x1B\x07\u202E]/u);
    expect(hostile).toContain('evil\\x1B[2J\\x07\\u202Em');
    expect(hostile).toContain('Choose evil\\x1B[2J: the one it lost is q\\u202E1.');
  });

  it('names the prompt when the run compared prompts', () => {
    const prompts = renderChoice({ ...choice, options: [option('gpt-4o', { prompt: 'terse' }), option('gpt-4o', { prompt: 'verbose' })] });
    expect(prompts).toContain('prompt terse');
    expect(prompts).toContain('prompt verbose');
  });

  for (const width of [60, 80, 100]) {
    it(`fits ${width} columns with long, wide and hostile labels: the figures that fit by rank, the others named`, () => {
      const hostile = renderChoice({
        ...choice,
        options: [
          ...choice.options,
          option('模型'.repeat(25), { onFrontier: false, dominatedBy: [{ target: 'openai/gpt-4o', prompt: 'default' }] }),
          option(`evil\x1B[2J\n${'z'.repeat(200)}\u202E`, { simulated: true }),
        ],
      }, { width });
      for (const line of hostile.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      expect(hostile).not.toMatch(/[\x1B\u202E]/u);
      // The pass rate always stays; what does not fit is named.
      expect(hostile).toContain('86.5');
      if (width < 100) expect(hostile).toMatch(/Not shown at this width: .*\(--wide shows every figure\)\./s);
      else expect(hostile).not.toContain('Not shown at this width');
    });
  }

  it('shows every figure, however wide, with no width', () => {
    const wide = renderChoice(choice, { width: Infinity });
    expect(wide).toContain('e2e p50');
    expect(wide).not.toContain('Not shown');
    expect(wide).toContain(`Recommendation: ${choice.recommendation.paragraph}`);
  });
});
