import { describe, expect, it } from 'vitest';
import { resolveTargets } from './resolve-targets.ts';

const prices = new Map();

describe('resolveTargets', () => {
  it('refuses a base URL from the environment that is not an http(s) URL, with the other problems', () => {
    const resolve = (environment: Record<string, string>) => () =>
      resolveTargets(['openai:gpt-4o-mini', 'openai/gpt-4o-mini'], { environment, prices });
    expect(resolve({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'api.openai.com/v1' })).toThrow(
      [
        'target "openai:gpt-4o-mini": its base URL "api.openai.com/v1" is not an http(s) URL; check the *_BASE_URL variable',
        'target "openai/gpt-4o-mini" needs AI_GATEWAY_API_KEY or VERCEL_OIDC_TOKEN to be set in the environment',
      ].join('\n'),
    );
    expect(resolve({ OPENAI_API_KEY: 'k', AI_GATEWAY_API_KEY: 'g', AI_GATEWAY_BASE_URL: 'ftp://127.0.0.1/v4/ai' })).toThrow(
      'target "openai/gpt-4o-mini": its base URL "ftp://127.0.0.1/v4/ai" is not an http(s) URL',
    );
    const targets = resolve({ OPENAI_API_KEY: 'k', AI_GATEWAY_API_KEY: 'g', OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1' })();
    expect(targets.map((target) => target.endpoint)).toEqual(['http://127.0.0.1:8080/v1', 'https://ai-gateway.vercel.sh/v4/ai']);
  });
});

describe('a base URL from the environment', () => {
  it('is refused when it carries a credential, which the message does not echo', () => {
    const resolve = () => resolveTargets(['openai:gpt-4o-mini'], { environment: { OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'https://user:pa55word-secret@proxy.example/v1' }, prices: new Map() });
    expect(resolve).toThrow(/a credential in its base URL .* would be written to run\.json/);
    try {
      resolve();
    } catch (error) {
      expect((error as Error).message).not.toContain('pa55word-secret');
    }
  });
});
