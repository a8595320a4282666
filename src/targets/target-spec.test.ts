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

  describe('a credential in the base URL, which would be written to run.json and every report', () => {
    it.each([
      ['http://u:SECRET1@127.0.0.1:9/v1', 'user name and password', 'http://…@127.0.0.1:9/v1'],
      ['http://SECRET1@127.0.0.1:9/v1', 'user name', 'http://…@127.0.0.1:9/v1'],
      ['http://127.0.0.1:9/v1?api_key=SECRET1', 'query parameter api_key', 'http://127.0.0.1:9/v1?api_key=…'],
      ['http://127.0.0.1:9/v1?x=1&API-KEY=SECRET1', 'query parameter API-KEY', 'http://127.0.0.1:9/v1?x=1&API-KEY=…'],
      ['http://127.0.0.1:9/v1?apikey=SECRET1', 'query parameter apikey', 'http://127.0.0.1:9/v1?apikey=…'],
      ['http://127.0.0.1:9/v1?access_token=SECRET1', 'query parameter access_token', 'http://127.0.0.1:9/v1?access_token=…'],
      ['http://127.0.0.1:9/v1?sig=SECRET1', 'query parameter sig', 'http://127.0.0.1:9/v1?sig=…'],
      ['http://127.0.0.1:9/v1?X-Amz-Signature=SECRET1', 'query parameter X-Amz-Signature', 'http://127.0.0.1:9/v1?X-Amz-Signature=…'],
      ['http://127.0.0.1:9/v1?api%5Fkey=SECRET1', 'query parameter api_key', 'http://127.0.0.1:9/v1?api%5Fkey=…'],
      ['http://127.0.0.1:9/v1?client_secret=SECRET1&password=SECRET1', 'query parameter client_secret', 'http://127.0.0.1:9/v1?client_secret=…&password=…'],
    ])('refuses %s, naming where the credential is, never echoing it', (url, where, shown) => {
      const refusal = refusalOf(() => parseTargetSpec(`openai-compatible:m@${url}`));
      expect(refusal.name).toBe('TargetError');
      expect(refusal.message).toBe(
        `target "openai-compatible:m@${shown}": a credential in the URL (${where}) would be written to every report; ` +
          'give the key in OPENAI_COMPATIBLE_API_KEY, which is sent as a bearer token and never recorded',
      );
      expect(refusal.message).not.toContain('SECRET1');
    });

    it('refuses it behind a short label too', () => {
      const refusal = refusalOf(() => parseTargetSpec('local=openai-compatible:m@http://u:SECRET1@127.0.0.1:9/v1'));
      expect(refusal.message).toMatch(/^target "openai-compatible:m@http:\/\/…@127.0.0.1:9\/v1": a credential in the URL \(user name and password\)/);
    });

    it('does not echo a password in a URL it cannot parse', () => {
      const refusal = refusalOf(() => parseTargetSpec('openai-compatible:m@http://u:SECRET1@bad host/v1?token=SECRET1'));
      expect(refusal.message).toBe('target "openai-compatible:m@http://…@bad host/v1?token=…": "http://…@bad host/v1?token=…" is not a URL');
    });

    it('accepts query parameters that carry no credential', () => {
      expect(parseTargetSpec('openai-compatible:m@http://127.0.0.1:9/v1?api-version=2024-10-21').baseURL).toBe('http://127.0.0.1:9/v1?api-version=2024-10-21');
    });
  });
});

function refusalOf(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

describe('a base URL with a fragment', () => {
  it('is refused, the fragment masked: it is never sent, so it can only be a mistake or a token', () => {
    expect(() => parseTargetSpec('openai-compatible:m@http://127.0.0.1:9/v1#token=abc-secret')).toThrow(/#fragment/);
    try {
      parseTargetSpec('openai-compatible:m@http://127.0.0.1:9/v1#token=abc-secret');
    } catch (error) {
      expect((error as Error).message).not.toContain('abc-secret');
    }
  });
});
