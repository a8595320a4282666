import { describe, expect, it } from 'vitest';
import type { CaseStep } from './case.ts';
import { renderStep, stepVars } from './render-step.ts';

const step = (prompt: string, system?: string): CaseStep => ({ name: 'draft', line: 3, messages: [{ role: 'user', content: prompt }], after: [], assert: [], ...(system ? { system } : {}) });
const answers = new Map([
  ['classify', 'billing'],
  ['extract', '```json\n{"customer": {"name": "Ada"}, "orders": ["A-7", "A-8"], "total": 12.5, "vip": true, "notes": null}\n```'],
  ['plain', 'no json here'],
]);

describe('renderStep', () => {
  it('fills a step\'s output and JSON fields (a fenced answer, nested paths, array indexes)', () => {
    const rendered = renderStep(step('{{steps.classify.output}}: {{ steps.extract.json.customer.name }} {{steps.extract.json.orders.1}} {{steps.extract.json.total}} {{steps.extract.json.vip}} {{steps.extract.json.customer}}'), answers);
    expect(rendered.messages).toEqual([{ role: 'user', content: 'billing: Ada A-8 12.5 true {"name":"Ada"}' }]);
    expect(rendered.warnings).toEqual([]);
  });

  it('renders a missing path, a non-JSON answer and an unanswered step as empty text, each with a warning naming it', () => {
    const rendered = renderStep(step('[{{steps.extract.json.customer.email}}][{{steps.plain.json.x}}][{{steps.extract.json.orders.5}}][{{steps.missing.output}}]'), answers);
    expect(rendered.messages[0]?.content).toBe('[][][][]');
    expect(rendered.warnings).toEqual([
      '{{steps.extract.json.customer.email}}: the answer of step extract has no customer.email; rendered as empty text',
      '{{steps.plain.json.x}}: the answer of step plain is not JSON; rendered as empty text',
      '{{steps.extract.json.orders.5}}: the answer of step extract has no orders.5; rendered as empty text',
      '{{steps.missing.output}}: step missing has no answer; rendered as empty text',
    ]);
  });

  it('renders the system prompt and text parts, and leaves other placeholders and other parts alone', () => {
    const withParts: CaseStep = {
      ...step('', 'Intent: {{steps.classify.output}}'),
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Say {{steps.classify.output}} to {{name}}' }, { type: 'image', image: 'data:x' }] }],
    };
    const rendered = renderStep(withParts, answers);
    expect(rendered.system).toBe('Intent: billing');
    expect(rendered.messages[0]?.content).toEqual([{ type: 'text', text: 'Say billing to {{name}}' }, { type: 'image', image: 'data:x' }]);
  });

  it('does not reach Object.prototype through a path', () => {
    expect(stepVars(new Map([['a', '{}']]), ['steps.a.json.constructor']).vars).toEqual({ 'steps.a.json.constructor': '' });
  });
});
