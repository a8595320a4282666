import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { middleText } from './chart-text.ts';
import { distinctShortLabels } from './distinct-short-labels.ts';

const prefix = 'anthropic-claude-sonnet-4-20250514-via-gw'; // 41 columns

describe('middleText', () => {
  it('keeps the start and the end, within the width', () => {
    expect(middleText('abcdefghij', 10)).toBe('abcdefghij');
    expect(middleText('abcdefghijk', 10)).toBe('abcde…hijk');
    expect(middleText('模型模型模型模型', 7)).toBe('模…模型');
  });
});

describe('distinctShortLabels', () => {
  it('keeps labels that share a 40-column start apart, within the width', () => {
    const labels = distinctShortLabels([{ target: `${prefix}-eu-west` }, { target: `${prefix}-us-east` }], 28);
    expect(new Set(labels).size).toBe(2);
    expect(labels[0]).toMatch(/eu-west$/);
    for (const label of labels) expect(stringWidth(label)).toBeLessThanOrEqual(28);
  });

  it('cuts target and prompt apart, so a long target does not hide the prompt', () => {
    const labels = distinctShortLabels(
      ['plain', `${prefix}-prompt-variant`].flatMap((prompt) => [{ target: `a<script>alert(20)</script>"'${'x'.repeat(30)}`, prompt }]),
      28,
    );
    expect(labels[0]).toMatch(/ · plain$/);
    expect(labels[1]).toMatch(/ · anthr.*iant$/);
    for (const label of labels) expect(stringWidth(label)).toBeLessThanOrEqual(28);
  });

  it('numbers the labels that would still read the same, by their position', () => {
    // Apart only in their middle: the cut drops what tells them apart.
    const labels = distinctShortLabels([{ target: `${prefix}-1-${prefix}` }, { target: `${prefix}-2-${prefix}` }, { target: 'short' }], 28);
    expect(labels[0]).toMatch(/ #1$/);
    expect(labels[1]).toMatch(/ #2$/);
    expect(labels[2]).toBe('short');
    for (const label of labels) expect(stringWidth(label)).toBeLessThanOrEqual(28);
  });

  it('numbers every label when a numbered one would meet a label that reads so already', () => {
    const long = (middle: string) => ({ target: `${'a'.repeat(20)}${middle}${'b'.repeat(20)}` });
    const first = distinctShortLabels([long('1'), long('2')], 28);
    const labels = distinctShortLabels([long('1'), long('2'), { target: first[1]! }], 28);
    expect(new Set(labels).size).toBe(3);
    expect(labels[2]).toMatch(/ #3$/);
  });
});
