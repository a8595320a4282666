import { describe, expect, it } from 'vitest';
import { parseTargetSpec } from './target-spec.ts';

describe('parseTargetSpec', () => {
  it('reads a creator/model spec as an AI Gateway target', () => {
    expect(parseTargetSpec('openai/gpt-4o-mini')).toEqual({ label: 'openai/gpt-4o-mini', kind: 'gateway', modelId: 'openai/gpt-4o-mini' });
  });

  it('pins the gateway to one provider, or orders several', () => {
    expect(parseTargetSpec('openai/gpt-4o-mini@azure').providerOrder).toEqual(['azure']);
    expect(parseTargetSpec('openai/gpt-4o-mini@azure,openai').providerOrder).toEqual(['azure', 'openai']);
  });

  it('reads provider:model for the direct providers', () => {
    expect(parseTargetSpec('openai:gpt-4o-mini')).toMatchObject({ kind: 'openai', modelId: 'gpt-4o-mini' });
    expect(parseTargetSpec('azure:my-deployment')).toMatchObject({ kind: 'azure', modelId: 'my-deployment' });
    expect(parseTargetSpec('anthropic:claude-sonnet-4')).toMatchObject({ kind: 'anthropic', modelId: 'claude-sonnet-4' });
  });

  it('reads the base URL of an OpenAI-compatible server, colons and all', () => {
    expect(parseTargetSpec('openai-compatible:llama3.1@http://127.0.0.1:8000/v1')).toEqual({
      label: 'openai-compatible:llama3.1@http://127.0.0.1:8000/v1',
      kind: 'openai-compatible',
      modelId: 'llama3.1',
      baseURL: 'http://127.0.0.1:8000/v1',
    });
  });

  it('accepts a short label before "="', () => {
    expect(parseTargetSpec('local=openai-compatible:llama3.1@http://127.0.0.1:8000/v1')).toMatchObject({
      label: 'local',
      modelId: 'llama3.1',
    });
  });

  it.each([
    ['gpt-4o-mini', /creator\/model/],
    ['mistral:large', /unknown provider "mistral"/],
    ['openai-compatible:llama3.1', /openai-compatible:<model>@<baseURL>/],
    ['openai-compatible:llama3.1@not a url', /is not a URL/],
    ['openai/gpt-4o-mini@', /empty provider list/],
  ])('refuses %s with a message that says what was expected', (spec, message) => {
    expect(() => parseTargetSpec(spec)).toThrow(message);
  });
});
