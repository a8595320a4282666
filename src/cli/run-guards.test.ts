import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/index.ts';
import type { PlannedRequest } from '../runner/index.ts';
import type { Target } from '../targets/index.ts';
import { planBudget } from './run-guards.ts';
import { validateRunOptions } from './run-options.ts';

const target = {
  label: 'priced',
  spec: { label: 'priced', kind: 'openai', modelId: 'gpt-4o' },
  price: { model: 'priced', input: 1, output: 1, source: 'test', as_of: '2026-11-01' },
} as unknown as Target;
const characters = (text: string) => text.length;
const request = (testCase: Partial<Case>): PlannedRequest =>
  ({ testCase: { id: 'c', line: 1, messages: [{ role: 'user', content: 'what is the weather in Paris' }], assert: [], ...testCase }, target, prompt: 'default', repeat: 1 }) as PlannedRequest;

describe('planBudget', () => {
  const options = validateRunOptions({ dataset: 'd.jsonl', target: ['priced'], maxCost: 1, maxTokens: 100 });

  it('counts tool definitions and images in a request\'s worst case, and the warm-ups in the total', () => {
    const plain = request({});
    const withTools = request({ id: 't', tools: [{ name: 'get_weather', description: 'Weather for a city, in degrees Celsius', parameters: { type: 'object', properties: { city: { type: 'string' } } } }] });
    const withImage = request({
      id: 'i',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'what is the weather in Paris' }, { type: 'file', data: new Uint8Array(8), mediaType: 'image/png' }] }],
    });
    const budget = planBudget(options, [target], [plain, withTools, withImage], characters, { warmup: 2, alreadySpentUsd: 0 });
    const worstCase = (planned: PlannedRequest) => budget!.dependency.worstCaseUsd(planned) * 1e6;
    expect(worstCase(withTools)).toBeGreaterThan(worstCase(plain) + 10);
    expect(worstCase(withImage)).toBeGreaterThanOrEqual(worstCase(plain) + 1600);
    // Two warm-ups of the first request, then the three requests.
    expect(budget!.worstCaseTotalUsd * 1e6).toBeCloseTo(worstCase(plain) * 3 + worstCase(withTools) + worstCase(withImage), 6);
  });

  it('counts an image at GPT-4o mini\'s own rate, many times GPT-4o\'s tokens, for a GPT-4o mini target', () => {
    const mini = { ...target, label: 'mini', spec: { label: 'mini', kind: 'gateway', modelId: 'openai/gpt-4o-mini' } } as unknown as Target;
    const image = { type: 'file' as const, data: new Uint8Array(8), mediaType: 'image/png' };
    const onMini = { ...request({ id: 'i', messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this' }, image] }] }), target: mini };
    const plainOnMini = { ...request({ id: 'p', messages: [{ role: 'user', content: 'what is this' }] }), target: mini };
    const budget = planBudget(options, [mini], [onMini, plainOnMini], characters, { warmup: 0, alreadySpentUsd: 0 });
    // 2,833 + 5,667 per tile, 8 tiles at most (2048 × 768), at $1 per million tokens.
    expect((budget!.dependency.worstCaseUsd(onMini) - budget!.dependency.worstCaseUsd(plainOnMini)) * 1e6).toBeCloseTo(48_169, 6);
  });
});
