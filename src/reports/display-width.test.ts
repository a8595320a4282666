import { describe, expect, it } from 'vitest';
import { displayWidth, shortenMiddle, wrapToWidth } from './display-width.ts';

describe('displayWidth', () => {
  it('counts terminal columns as cli-table3 does: wide CJK as two, combining marks as none, the widest line', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('模型')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('ab\nabcd\nc')).toBe(4);
  });
});

describe('shortenMiddle', () => {
  it('keeps both ends of a label and marks the cut', () => {
    expect(shortenMiddle('openai/gpt-4o-mini@azure', 12)).toBe('openai…azure');
    expect(displayWidth(shortenMiddle('openai/gpt-4o-mini@azure', 12))).toBe(12);
    expect(shortenMiddle('short', 12)).toBe('short');
  });

  it('keeps a suffix whole while the rest has room, and cuts between graphemes', () => {
    expect(shortenMiddle('openai/gpt-4o-mini@azure', 20, ' (simulated)')).toBe('open…ure (simulated)');
    const wide = '模型模型模型模型';
    for (const width of [5, 6, 7, 8, 9]) {
      const cut = shortenMiddle(wide, width);
      expect(displayWidth(cut)).toBeLessThanOrEqual(width);
      expect(displayWidth(cut)).toBeGreaterThanOrEqual(width - 1);
      const [head, tail] = cut.split('…');
      expect(wide.startsWith(head!) && wide.endsWith(tail!)).toBe(true);
    }
    // An emoji sequence stays whole or goes whole.
    const emoji = shortenMiddle('👩‍💻👩‍💻👩‍💻👩‍💻', 5);
    expect([...new Intl.Segmenter().segment(emoji)].map((part) => part.segment).every((part) => part === '…' || part === '👩‍💻')).toBe(true);
  });
});

describe('wrapToWidth', () => {
  it('breaks at spaces, indents later lines, keeps the first line’s own indentation', () => {
    expect(wrapToWidth('  one two three four', 10, { indent: '    ' })).toEqual(['  one two', '    three', '    four']);
  });

  it('breaks a word longer than a line, and ends a cut text with …', () => {
    expect(wrapToWidth('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    const cut = wrapToWidth('a b c d e f g h i j k l', 5, { maxLines: 2 });
    expect(cut).toEqual(['a b c', 'd e …']);
  });

  it('never passes the width, whatever the text holds', () => {
    const text = `${'模型'.repeat(30)} 👩‍💻 e\u0301 ${'y'.repeat(70)} end`;
    for (const width of [20, 41, 60]) for (const line of wrapToWidth(text, width, { indent: '  ' })) expect(displayWidth(line)).toBeLessThanOrEqual(width);
  });
});
