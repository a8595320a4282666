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
