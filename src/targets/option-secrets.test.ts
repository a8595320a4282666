import { describe, expect, it } from 'vitest';
import { optionSecrets } from './option-secrets.ts';

describe('secrets in provider options', () => {
  it('finds values under a credential name at any depth, and the token of an Authorization header', () => {
    expect(
      optionSecrets({
        openai: { apiKey: 'sk-live-123456', reasoningEffort: 'low', headers: { Authorization: 'Bearer tok-abcdefgh' } },
        gateway: { order: ['azure'], nested: { access_token: ['t-1', 'secret-value-9'] } },
      }),
    ).toEqual(['sk-live-123456', 'sk-live-123456', 'Bearer tok-abcdefgh', 'tok-abcdefgh', 't-1', 'secret-value-9', 'secret-value-9']);
    expect(optionSecrets({ openai: { reasoningEffort: 'low', store: false } })).toEqual([]);
    expect(optionSecrets(undefined)).toEqual([]);
  });
});
