import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/index.ts';
import type { PlannedRequest } from '../runner/index.ts';
import type { Target } from '../targets/index.ts';
import { planBudget } from './run-guards.ts';
import { withDefaults } from '../config/settings/eval-settings.ts';

const target = {
  label: 'priced',
  spec: { label: 'priced', kind: 'openai', modelId: 'gpt-4o' },
  price: { model: 'priced', input: 1, output: 1, source: 'test', as_of: '2026-11-01' },
} as unknown as Target;
const characters = (text: string) => text.length;
const request = (testCase: Partial<Case>): PlannedRequest =>
  ({ testCase: { id: 'c', line: 1, messages: [{ role: 'user', content: 'what is the weather in Paris' }], assert: [], ...testCase }, target, prompt: 'default', repeat: 1 }) as PlannedRequest;

describe('planBudget', () => {
  const options = withDefaults({ datasets: ['d.jsonl'], targets: ['priced'], maxCost: 1, maxTokens: 100 });

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

  it.each([
    ['openai/gpt-4o-mini', 48_169], // 2,833 + 5,667 per tile, at most 8 tiles (2048 × 768)
    ['openai/gpt-4.1-mini', 2_489], // 1,536 patches × 1.62
    ['openai/gpt-4o', 1_600],
  ])('counts an image on %s at that model\'s own worst case, %i tokens', (modelId, imageTokens) => {
    const priced = { ...target, label: modelId, spec: { label: modelId, kind: 'gateway', modelId } } as unknown as Target;
    const image = { type: 'file' as const, data: new Uint8Array(8), mediaType: 'image/png' };
    const withImage = { ...request({ id: 'i', messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this' }, image] }] }), target: priced };
    const plain = { ...request({ id: 'p', messages: [{ role: 'user', content: 'what is this' }] }), target: priced };
    const budget = planBudget(options, [priced], [withImage, plain], characters, { warmup: 0, alreadySpentUsd: 0 });
    // At $1 per million tokens.
    expect((budget!.dependency.worstCaseUsd(withImage) - budget!.dependency.worstCaseUsd(plain)) * 1e6).toBeCloseTo(imageTokens, 6);
  });
});

describe('planBudget with multi-call cases', () => {
  const options = withDefaults({ datasets: ['d.jsonl'], targets: ['priced'], maxCost: 1, maxTokens: 100 });
  const step = (name: string, prompt: string, after: string[] = []) => ({ name, line: 1, messages: [{ role: 'user' as const, content: prompt }], after, assert: [] });
  const dear = { ...target, label: 'dear', price: { model: 'dear', input: 10, output: 10, source: 'test', as_of: '2026-11-01' } } as unknown as Target;

  it('sums its steps, each with room for the answers it embeds, at the price of the target each step goes to', () => {
    const single = request({ messages: [{ role: 'user', content: 'classify' }] });
    const steps = [step('classify', 'classify'), step('draft', 'draft {{steps.classify.output}}', ['classify'])];
    const pipeline = request({ messages: steps[0]!.messages, calls: { kind: 'pipeline', steps, output: 'draft' } });
    const budget = planBudget(options, [target], [pipeline], characters, { warmup: 0, alreadySpentUsd: 0 });
    const usd = (planned: PlannedRequest) => budget!.dependency.worstCaseUsd(planned);
    // Two calls, the second with up to 100 more input tokens (classify's answer): more than twice one call.
    expect(usd(pipeline)).toBeGreaterThan(2 * usd(single) + 100 * 1e-6 * 0.99);
    const routed = planBudget(options, [target], [pipeline], characters, {
      warmup: 0,
      alreadySpentUsd: 0,
      steps: { stepTarget: (runTarget, caseStep) => (caseStep.name === 'draft' ? dear : runTarget), extraTargets: [dear] },
    });
    expect(routed!.worstCaseTotalUsd).toBeGreaterThan(usd(pipeline) * 5);
  });

  it('refuses a step target without a price, like a run target', () => {
    const unpriced = { ...target, label: 'free', price: undefined } as unknown as Target;
    expect(() => planBudget(options, [target], [], characters, { warmup: 0, alreadySpentUsd: 0, steps: { stepTarget: (runTarget) => runTarget, extraTargets: [unpriced] } })).toThrow(/none in the price table for: free/);
  });

  it('a conversation turn carries the history, the earlier turns and room for each earlier answer', () => {
    const turns = [step('turn-1', 'hi'), step('turn-2', 'more', ['turn-1']), step('turn-3', 'bye', ['turn-2'])];
    const conversation = request({ messages: turns[0]!.messages, calls: { kind: 'conversation', steps: turns, output: 'turn-3' } });
    const budget = planBudget(options, [target], [conversation], characters, { warmup: 0, alreadySpentUsd: 0 });
    // Output: 3 × 100 tokens; embedded earlier answers: 100 + 200.
    expect(budget!.worstCaseTotalUsd * 1e6).toBeGreaterThan(600);
  });
});
