import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template.ts';

describe('renderTemplate', () => {
  it('replaces {{name}} and {{ name }}', () => {
    expect(renderTemplate('Capital of {{country}}? {{ country }}!', { country: 'France' })).toEqual({ text: 'Capital of France? France!', missing: [] });
  });

  it('reports missing names once, without reaching Object.prototype', () => {
    expect(renderTemplate('{{a}} {{a}} {{constructor}}', {})).toEqual({ text: '{{a}} {{a}} {{constructor}}', missing: ['a', 'constructor'] });
  });

  it('does not render templates inside values', () => {
    expect(renderTemplate('{{a}}', { a: '{{b}}', b: 'x' }).text).toBe('{{b}}');
  });
});

describe('renderTemplate: size', () => {
  it('stops filling, and says so, past what one case may hold, instead of building a string Node cannot', () => {
    const result = renderTemplate('{{a}}'.repeat(100), { a: 'x'.repeat(8 * 2 ** 20) });
    expect(result.tooLong).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(16 * 2 ** 20 + 500);
    expect(renderTemplate('{{a}}{{a}}', { a: 'x'.repeat(8 * 2 ** 20 - 5) }).tooLong).toBeUndefined();
  });
});
