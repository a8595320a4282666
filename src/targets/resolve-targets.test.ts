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

describe("a gateway target's routing options", () => {
  const environment = { AI_GATEWAY_API_KEY: 'g', OPENAI_API_KEY: 'k' };
  const resolveOne = (request: Parameters<typeof resolveTargets>[0][number]) => resolveTargets([request], { environment, prices })[0]!;

  it("reach providerOptions.gateway, merged with the spec's @provider order", () => {
    const target = resolveOne({ target: 'openai/gpt-4o-mini@azure,openai', gateway: { sort: 'ttft', zeroDataRetention: true, models: ['anthropic/claude-haiku-4.5'] } });
    expect(target.providerOptions).toEqual({
      gateway: { order: ['azure', 'openai'], sort: 'ttft', zeroDataRetention: true, models: ['anthropic/claude-haiku-4.5'] },
    });
    expect(resolveOne('openai/gpt-4o-mini@azure').providerOptions).toEqual({ gateway: { only: ['azure'] } });
    expect(resolveOne('openai/gpt-4o-mini').providerOptions).toBeUndefined();
  });

  it('are refused when two places say different things, or on a target that is not the gateway', () => {
    expect(() => resolveOne({ target: 'openai/gpt-4o-mini@azure', gateway: { only: ['openai'] } })).toThrow(
      `target "openai/gpt-4o-mini@azure": only is given twice, differently (its spec's @azure and gateway:); give it in one place`,
    );
    expect(() => resolveOne({ target: 'openai/gpt-4o-mini@azure', gateway: { order: ['azure', 'openai'] } })).toThrow(/order \[azure, openai\] names providers that only \[azure\] excludes \(gateway: and its spec's @azure\)/);
    // Wherever both are given: one place is no excuse.
    expect(() => resolveOne({ target: 'openai/gpt-4o-mini', gateway: { order: ['azure'], only: ['openai'] } })).toThrow(/order \[azure\] names providers that only \[openai\] excludes \(both in gateway:\)/);
    expect(() => resolveOne({ target: 'openai/gpt-4o-mini', gateway: { order: ['azure', 'azure'] } })).toThrow('order names azure more than once (gateway:)');
    // The same value twice is no conflict.
    expect(resolveOne({ target: 'openai/gpt-4o-mini@azure', gateway: { only: ['azure'] } }).providerOptions).toEqual({ gateway: { only: ['azure'] } });
    expect(() => resolveOne({ target: 'openai:gpt-4o-mini', gateway: { sort: 'cost' } })).toThrow(
      'target "openai:gpt-4o-mini": gateway: routing options are for AI Gateway targets (creator/model, e.g. openai/gpt-4o-mini), not openai: targets',
    );
  });

  it('check providerOptions.gateway too, with a did-you-mean for an unknown option', () => {
    expect(() => resolveOne({ target: 'openai/gpt-4o-mini', providerOptions: { gateway: { zdr: true, sortt: 'cost' } } })).toThrow(
      'target "openai/gpt-4o-mini": providerOptions.gateway: unknown option "zdr" (known: order, only, sort,',
    );
    expect(() => resolveOne({ target: 'openai/gpt-4o-mini', providerOptions: { gateway: { sortt: 'cost' } } })).toThrow('unknown option "sortt"; did you mean sort?');
    expect(() => resolveOne({ target: 'openai/gpt-4o-mini', gateway: { sort: 'cost' }, providerOptions: { gateway: { sort: 'ttft' } } })).toThrow(
      'sort is given twice, differently (gateway: and providerOptions.gateway)',
    );
  });

  it('treat every text under byok as a secret to redact', () => {
    const target = resolveOne({ target: 'openai/gpt-4o-mini', gateway: { byok: { vertex: [{ googleCredentials: { privateKey: 'PRIVATE-KEY-0123456789' } }] } } });
    expect(target.secrets).toContain('PRIVATE-KEY-0123456789');
  });
});
