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

describe('credential names', () => {
  it('are the same for provider options as for a URL\'s query: auth, pass, sig, signature, bearer, jwt, session, sas', () => {
    const options = { p: { auth: 'v-auth-12345678', 'x-auth': 'v-xauth-12345678', signature: 'v-sign-12345678', sig: 'v-sig-12345678', pwd: 'v-pwd-12345678', pass: 'v-pass-12345678', bearer: 'v-bear-12345678', passphrase: 'v-phrase-12345678', jwt: 'v-jwt-12345678', session: 'v-sess-12345678', sas: 'v-sas-12345678', model: 'not-a-secret' } };
    expect(optionSecrets(options).filter((value, index, all) => all.indexOf(value) === index)).toHaveLength(11);
  });
});
