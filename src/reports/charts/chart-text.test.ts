import { describe, expect, it } from 'vitest';
import { chartText, shortText } from './chart-text.ts';

describe('chartText', () => {
  it('shows controls, line breaks, bidirectional and invisible characters as escapes, on one line', () => {
    expect(chartText('a\u001b[31mb\u0007\nc\td\u202Ee\u200Bf')).toBe('a\\x1B[31mb\\x07\\nc\\td\\u202Ee\\u200Bf');
  });

  it('replaces what UTF-8 and XML cannot hold, and leaves markup to the serializer', () => {
    expect(chartText('x\uD800y\uFFFF')).toBe('x\uFFFDy\uFFFD');
    expect(chartText('😀 ok')).toBe('😀 ok');
    expect(chartText('</svg>&amp;')).toBe('</svg>&amp;');
  });
});

describe('shortText', () => {
  it('keeps text that fits, and cuts longer text to the width with an ellipsis', () => {
    expect(shortText('abcdef', 6)).toBe('abcdef');
    expect(shortText('abcdefg', 6)).toBe('abcde…');
  });

  it('counts a wide character as two columns and never splits a grapheme', () => {
    expect(shortText('模型模型模型', 6)).toBe('模型…');
    expect(shortText('👩‍💻👩‍💻👩‍💻👩‍💻', 6)).toBe('👩‍💻👩‍💻…');
  });
});
